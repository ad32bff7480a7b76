// The metrics row: executions per status and the success rate, for the current filters.

import { STATUSES } from './filters.js';

/**
 * @param counts executions per status
 * @param statuses the statuses the filters select (the others show as not counted)
 * @param scope what the counts cover, in words
 */
export function renderMetrics(container, counts, statuses, scope) {
  for (const status of STATUSES) {
    container.querySelector(`[data-metric="${status}"]`).textContent =
        statuses.includes(status) ? String(counts[status] ?? 0) : '—';
  }
  const success = statuses.includes('success') ? counts.success ?? 0 : 0;
  const error = statuses.includes('error') ? counts.error ?? 0 : 0;
  const finished = success + error;
  container.querySelector('[data-metric="successRate"]').textContent =
      statuses.includes('success') && statuses.includes('error') && finished > 0
          ? `${Math.round((success / finished) * 1000) / 10}%`
          : '—';
  container.querySelector('[data-metric="scope"]').textContent = scope;
}

/** Counts per status of the given items. */
export function countByStatus(items) {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const item of items) counts[item.status] = (counts[item.status] ?? 0) + 1;
  return counts;
}
