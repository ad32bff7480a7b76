// The filters and their place in the URL query (the viewer token never goes there: see auth.js).

export const STATUSES = ['in_progress', 'success', 'error'];
export const STATUS_LABELS = { in_progress: 'In progress', success: 'Success', error: 'Error' };
/** Time ranges the page offers, as their length in milliseconds (null: no limit). */
export const RANGES = { all: null, '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };

const PROJECT_PATTERN = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/;

/** Filters from a query string; unknown or malformed values fall back to "no filter". */
export function readFilters(search) {
  const params = new URLSearchParams(search);
  const project = params.get('project') ?? '';
  const statuses = (params.get('statuses') ?? '').split(',').filter((status) => STATUSES.includes(status));
  const range = params.get('range') ?? 'all';
  return {
    project: PROJECT_PATTERN.test(project) ? project : '',
    statuses: statuses.length > 0 ? STATUSES.filter((status) => statuses.includes(status)) : [...STATUSES],
    range: range in RANGES ? range : 'all',
    search: params.get('q') ?? '',
  };
}

/** The query string for the filters; defaults are left out so a plain URL means "everything". */
export function filtersQuery(filters) {
  const params = new URLSearchParams();
  if (filters.project) params.set('project', filters.project);
  if (filters.statuses.length < STATUSES.length) params.set('statuses', filters.statuses.join(','));
  if (filters.range !== 'all') params.set('range', filters.range);
  if (filters.search) params.set('q', filters.search);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The snapshot's filters, which the server applies to rows and counts alike: project, statuses, and the time range
 * as `from` (inclusive; `now` minus the range's length).
 */
export function serverParams(filters, now = Date.now()) {
  const params = new URLSearchParams();
  if (filters.project) params.set('project', filters.project);
  if (filters.statuses.length < STATUSES.length) params.set('statuses', filters.statuses.join(','));
  const start = rangeStart(filters, now);
  if (start != null) params.set('from', new Date(start).toISOString());
  return params;
}

/**
 * The stream's filter: the project only. The server filters updates by their new status, so with `statuses` a row
 * whose task moved to an unselected status would never hear of it and stay stale; the page filters statuses itself
 * (matchesServerFilters) and removes such rows.
 */
export function streamParams(filters) {
  const params = new URLSearchParams();
  if (filters.project) params.set('project', filters.project);
  return params;
}

/**
 * Whether the server's filters admit the item at `now`: a stream update may move an execution out of project or
 * statuses, one outside the time range is not shown, and loaded rows leave the range as time passes.
 */
export function matchesServerFilters(filters, item, now = Date.now()) {
  return (!filters.project || item.project === filters.project) && filters.statuses.includes(item.status)
      && isInRange(filters, item, now);
}

/** The oldest occurredAt (epoch ms) the time range admits, or null. */
export function rangeStart(filters, now = Date.now()) {
  const length = RANGES[filters.range];
  return length == null ? null : now - length;
}

export function isInRange(filters, item, now = Date.now()) {
  const start = rangeStart(filters, now);
  return start == null || Date.parse(item.occurredAt) >= start;
}

/** The filter only the page applies, to the rows it has loaded: search. */
export function matchesPageFilters(filters, item) {
  const needle = filters.search.trim().toLowerCase();
  return !needle || item.executionId.toLowerCase().includes(needle)
      || (item.taskName ?? '').toLowerCase().includes(needle);
}

export function hasPageFilters(filters) {
  return filters.search.trim() !== '';
}
