// The dashboard page: sign-in, snapshot, live stream, filters, metrics, detail panel.
// Protocol: docs/dashboard-api.md ("Client protocol", "The dashboard page").

import { fetchPageConfig, fetchProjects, fetchTasks, streamUrl, Unauthorized } from './api.js';
import {
  adoptTokenFromFragment, disableGoogleAutoSelect, forgetToken, isExpired, showGoogleSignIn, storedToken, storeToken,
  tokenExpiry,
} from './auth.js';
import { DetailPanel } from './detail-panel.js';
import {
  filtersQuery, hasPageFilters, isInRange, matchesPageFilters, matchesServerFilters, readFilters, serverParams,
  STATUSES, streamParams,
} from './filters.js';
import { LiveStream } from './live-stream.js';
import { countByStatus, renderMetrics } from './metrics.js';
import { isNewer } from './order.js';
import { TaskTable } from './task-table.js';

const $ = (id) => document.getElementById(id);
const CONNECTION_LABELS = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', stale: 'Stale: no keepalive',
  closed: 'Offline',
};
const RETRY_MIN_MS = 3000;
const RETRY_MAX_MS = 30000;
const COUNTS_REFRESH_MS = 1000;
const RANGE_RECHECK_MS = 30000;
/** A refresh request this soon after a snapshot means the stream cannot serve it yet (e.g. the projector lags). */
const QUICK_REFRESH_MS = 5000;
const REFRESH_DELAY_MIN_MS = 1000;

let config;
let token = null;
let filters = readFilters(window.location.search);
/** Bumped whenever what is shown starts over (new filters, new snapshot, sign-out): late answers are dropped. */
let generation = 0;
let nextCursor = null;
let serverCounts = null;
let paused = false;
/** Updates received while paused (from the stream or a reloaded snapshot): the newest state per execution. */
const pending = new Map();
/** The latest snapshot reloaded while paused, shown on resume. */
let heldSnapshot = null;
let retryDelay = RETRY_MIN_MS;
let refreshDelay = REFRESH_DELAY_MIN_MS;
let lastSnapshotAt = 0;
let retryTimer;
let expiryTimer;
let countsTimer;
let stream;

const table = new TaskTable($('task-rows'), openDetail);
const detail = new DetailPanel($('detail'), (executionId) => {
  table.markOpen(null);
  table.focusRow(executionId);
});

// --- sign-in -----------------------------------------------------------------------------------------

function showSignIn(message) {
  endSession();
  $('dashboard').hidden = true;
  $('session-controls').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-message').textContent = message;
  if (config.signIn === 'google') {
    $('google-sign-in').hidden = false;
    showGoogleSignIn($('google-sign-in'), config.googleClientId, signedIn,
        (problem) => { $('sign-in-message').textContent = problem; });
  } else {
    $('token-form').hidden = false;
    $('token-input').value = '';
    $('token-input').focus();
  }
}

function signedIn(newToken) {
  storeToken(newToken);
  startSession(newToken);
}

function startSession(newToken) {
  token = newToken;
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  $('session-controls').hidden = false;
  const expiry = tokenExpiry(token);
  if (expiry != null) {
    // setTimeout holds at most 2^31-1 ms; a later expiry is checked again by the server anyway.
    expiryTimer = setTimeout(() => signInAgain(), Math.min(expiry - Date.now(), 2 ** 31 - 1));
  }
  loadProjects();
  loadSnapshot();
}

function endSession() {
  generation += 1;
  stream?.close();
  clearTimeout(expiryTimer);
  clearTimeout(retryTimer);
  clearTimeout(countsTimer);
  countsTimer = null;
  token = null;
  paused = false;
  pending.clear();
  heldSnapshot = null;
  renderPause();
  detail.close();
  table.retainOnly(new Set());
  nextCursor = null;
  serverCounts = null;
}

/** The server refused the token, or it expired: ask for a new one. */
function signInAgain() {
  const message = token && isExpired(token)
      ? 'Your sign-in expired. Sign in again.'
      : 'The dashboard did not accept this sign-in. Sign in again.';
  forgetToken();
  showSignIn(message);
}

function signOut() {
  forgetToken();
  disableGoogleAutoSelect();
  showSignIn('You signed out.');
}

// --- snapshot, pages, stream -------------------------------------------------------------------------

/**
 * Loads the first page for the current filters, shows it (or holds it while paused), and opens the stream after it.
 * @param chosenByViewer the viewer changed a filter: show the result even while paused, and say how many tasks show
 */
async function loadSnapshot(chosenByViewer = false) {
  const current = ++generation;
  stream.close();
  clearTimeout(retryTimer);
  $('task-region').setAttribute('aria-busy', 'true');
  try {
    const now = Date.now();
    const page = await fetchTasks(token, serverParams(filters, now));
    if (current !== generation) return;
    if (paused && !chosenByViewer) {
      holdSnapshot(page);
    } else {
      heldSnapshot = null;
      showSnapshot(page, [], now);
    }
    showProblem('');
    retryDelay = RETRY_MIN_MS;
    lastSnapshotAt = Date.now();
    stream.open(streamUrl(token, page.streamCursor, streamParams(filters)), page.streamCursor);
    render();
    if (chosenByViewer) announce($('summary').textContent);
  } catch (failure) {
    if (current === generation) failed(failure, 'Could not load tasks', loadSnapshot);
  } finally {
    if (current === generation) $('task-region').setAttribute('aria-busy', 'false');
  }
}

/**
 * Shows the page's rows (newer-wins) and drops the others, except those of `alsoKeep` (execution ids).
 * @param now the instant the page's time range was computed at (so a row at its very start stays)
 */
function showSnapshot(page, alsoKeep = [], now = Date.now()) {
  table.retainOnly(new Set([...page.items.map((item) => item.executionId), ...alsoKeep]));
  page.items.forEach((item) => applyItem(item, now));
  nextCursor = page.nextCursor ?? null;
  serverCounts = page.counts ?? null;
}

/** While paused, a reload changes nothing yet: its newer states count as new, the rest waits for resume. */
function holdSnapshot(page) {
  heldSnapshot = page;
  for (const item of page.items) {
    const shown = table.item(item.executionId);
    if (!shown || isNewer(item, shown)) hold(item);
  }
  renderPause();
}

function hold(item) {
  const held = pending.get(item.executionId);
  if (!held || isNewer(item, held)) pending.set(item.executionId, item);
}

async function loadMore() {
  const current = generation;
  const button = $('load-more');
  button.disabled = true;
  try {
    const now = Date.now();
    const params = serverParams(filters, now);
    params.set('cursor', nextCursor);
    const page = await fetchTasks(token, params);
    if (current !== generation) return;
    dropRowsOutsideRange(now);
    page.items.forEach((item) => applyItem(item, now));
    nextCursor = page.nextCursor ?? null;
    render();
    announce(`Loaded ${page.items.length} more tasks.`);
  } catch (failure) {
    if (current === generation) failed(failure, 'Could not load more tasks');
  } finally {
    button.disabled = false;
  }
}

async function loadProjects() {
  const forToken = token;
  try {
    const { items } = await fetchProjects(token);
    if (token !== forToken) return;
    const select = $('filter-project');
    const options = [new Option('All projects', '')];
    for (const project of items) {
      const group = document.createElement('optgroup');
      group.label = project.displayName ?? project.project;
      for (const application of project.applications) {
        group.append(new Option(`${application.app} (${application.repo})`, application.repo));
      }
      options.push(group);
    }
    select.replaceChildren(...options);
    if (filters.project && ![...select.options].some((option) => option.value === filters.project)) {
      // A project from the address that the config does not list (any more): keep it selectable.
      select.append(new Option(filters.project, filters.project));
    }
    select.value = filters.project;
  } catch (failure) {
    if (token === forToken) failed(failure, 'Could not load the projects');
  }
}

/**
 * Counts from the server again (a one-item page) a second after updates arrived, at most once a second; rows that
 * left the time range meanwhile go, so rows and counts cover the same range.
 */
function refreshCountsSoon() {
  if (countsTimer) return;
  const current = generation;
  countsTimer = setTimeout(async () => {
    countsTimer = null;
    try {
      const now = Date.now();
      const params = serverParams(filters, now);
      params.set('limit', '1');
      const page = await fetchTasks(token, params);
      if (current !== generation) return;
      dropRowsOutsideRange(now);
      serverCounts = page.counts ?? null;
      renderSummary();
    } catch (failure) {
      if (current === generation && failure instanceof Unauthorized) signInAgain();
    }
  }, COUNTS_REFRESH_MS);
}

const streamHandlers = {
  onUpdate(item) {
    if (paused) {
      hold(item);
      renderPause();
      return;
    }
    applyItem(item);
    renderSummary();
    refreshCountsSoon();
  },
  onRefreshRequired(reason) {
    announce(`Reloading tasks (${reason === 'slow_consumer' ? 'updates came too fast' : 'the live stream moved on'}).`);
    if (Date.now() - lastSnapshotAt < QUICK_REFRESH_MS) {
      // Reloading at once would only be refused again: wait, longer each time, instead of spinning.
      retryTimer = setTimeout(loadSnapshot, refreshDelay);
      refreshDelay = Math.min(refreshDelay * 2, RETRY_MAX_MS);
    } else {
      refreshDelay = REFRESH_DELAY_MIN_MS;
      loadSnapshot();
    }
  },
  onState(state) {
    if (state === 'live') retryDelay = RETRY_MIN_MS;
    const indicator = $('connection');
    indicator.dataset.state = state;
    $('connection-label').textContent = CONNECTION_LABELS[state];
  },
  /** The browser gave up on the stream: an expired token (401), or a failure it does not retry. */
  onClosed() {
    if (isExpired(token)) {
      signInAgain();
      return;
    }
    const current = generation;
    retryTimer = setTimeout(async () => {
      try {
        // Learns whether the token still works (a 401 asks to sign in) and refreshes the counts.
        const now = Date.now();
        const params = serverParams(filters, now);
        params.set('limit', '1');
        const page = await fetchTasks(token, params);
        if (current !== generation) return;
        dropRowsOutsideRange(now);
        serverCounts = page.counts ?? null;
        showProblem('');
        stream.open(streamUrl(token, stream.position, streamParams(filters)), stream.position);
        renderSummary();
      } catch (failure) {
        if (current !== generation) return;
        if (failure instanceof Unauthorized) {
          signInAgain();
        } else {
          showProblem(`The live stream is offline: ${failure.message}. Trying again in ${Math.round(retryDelay / 1000)} s.`);
          streamHandlers.onClosed();
        }
      }
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  },
};

function failed(failure, what, retry) {
  if (failure instanceof Unauthorized) {
    signInAgain();
    return;
  }
  if (retry) {
    showProblem(`${what}: ${failure.message}. Trying again in ${Math.round(retryDelay / 1000)} s.`);
    retryTimer = setTimeout(retry, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  } else {
    showProblem(`${what}: ${failure.message}.`);
  }
}

/**
 * Shows one state of an execution, applying newer-wins and the server's filters (the time range as of `now`): an
 * update outside them is not added, and removes the execution's row.
 */
function applyItem(item, now = Date.now()) {
  const shown = table.item(item.executionId);
  if (shown && !isNewer(item, shown)) return;
  if (matchesServerFilters(filters, item, now)) {
    table.upsert(item);
    detail.update(item);
  } else {
    // The execution changed to a status or project the filters exclude, or is outside the time range.
    table.remove(item.executionId);
    detail.update(item, 'This task no longer matches the filters.');
  }
}

/** Rows leave the time range as time passes; the oldest go first. An open detail panel stays and says so. */
function dropRowsOutsideRange(now) {
  for (let oldest = table.last(); oldest && !isInRange(filters, oldest, now); oldest = table.last()) {
    table.remove(oldest.executionId);
    detail.update(oldest, 'This task is no longer in the time range.');
  }
}

// --- rendering ---------------------------------------------------------------------------------------

/** Applies the page-only filter (search) to every row, then the summary. */
function render() {
  table.filter((item) => matchesPageFilters(filters, item));
  renderSummary();
}

function renderSummary() {
  const shown = table.shownItems();
  const more = nextCursor != null;
  $('load-more').hidden = !more;
  $('empty').hidden = shown.length > 0;
  $('summary').textContent = `Showing ${shown.length} of ${table.size} loaded tasks`
      + (more ? '; more can be loaded.' : '; all matching tasks are loaded.');
  if (serverCounts && !hasPageFilters(filters)) {
    renderMetrics($('metrics'), serverCounts, filters.statuses, 'All tasks matching the filters');
  } else {
    renderMetrics($('metrics'), countByStatus(shown), filters.statuses, 'Loaded tasks matching the filters');
  }
}

function renderPause() {
  const button = $('pause');
  button.setAttribute('aria-pressed', String(paused));
  $('pause-label').textContent = paused ? 'Resume live updates' : 'Pause live updates';
  $('pending-count').textContent = paused ? `${pending.size} new` : '';
  $('pending-count').hidden = !paused;
}

function togglePause() {
  paused = !paused;
  if (!paused) {
    if (heldSnapshot) {
      // As if shown when it came, with the rows of the updates held since.
      showSnapshot(heldSnapshot, pending.keys());
      heldSnapshot = null;
    }
    pending.forEach((item) => applyItem(item));
    const applied = pending.size;
    pending.clear();
    renderSummary();
    refreshCountsSoon();
    announce(`Live updates resumed; ${applied} tasks updated.`);
  }
  renderPause();
}

function openDetail(executionId) {
  const item = table.item(executionId);
  if (!item) return;
  table.markOpen(executionId);
  detail.show(item);
}

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

function announce(text) {
  $('announcer').textContent = text;
}

// --- filters -----------------------------------------------------------------------------------------

function showFilters() {
  $('filter-project').value = filters.project;
  for (const box of document.querySelectorAll('input[name="status"]')) {
    box.checked = filters.statuses.includes(box.value);
  }
  $('filter-range').value = filters.range;
  $('filter-search').value = filters.search;
}

/** Puts the filters in the address (query string) and applies them; server filters need a new snapshot. */
function filtersChanged(serverSide) {
  window.history.replaceState(window.history.state, '',
      window.location.pathname + filtersQuery(filters) + window.location.hash);
  if (serverSide) {
    loadSnapshot(true);
  } else {
    render();
    announce($('summary').textContent);
  }
}

function bindControls() {
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('filter-project').addEventListener('change', (event) => {
    filters = { ...filters, project: event.target.value };
    filtersChanged(true);
  });
  for (const box of document.querySelectorAll('input[name="status"]')) {
    box.addEventListener('change', () => {
      const statuses = STATUSES.filter((status) => document.querySelector(`input[name="status"][value="${status}"]`).checked);
      if (statuses.length === 0) {
        box.checked = true;
        announce('At least one status stays selected.');
        return;
      }
      filters = { ...filters, statuses };
      filtersChanged(true);
    });
  }
  $('filter-range').addEventListener('change', (event) => {
    filters = { ...filters, range: event.target.value };
    filtersChanged(true);
  });
  let searchTimer;
  $('filter-search').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      filters = { ...filters, search: event.target.value };
      filtersChanged(false);
    }, 150);
  });
  $('load-more').addEventListener('click', loadMore);
  $('pause').addEventListener('click', togglePause);
  $('sign-out').addEventListener('click', signOut);
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const pasted = $('token-input').value.trim();
    if (pasted) signedIn(pasted);
  });
  // Leaving the page must free the stream's connection at once: a page kept in the back/forward cache would hold it
  // (and one of the browser's few connections to this host) open. Coming back starts over from a fresh snapshot.
  window.addEventListener('pagehide', () => stream?.close());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && token) loadSnapshot();
  });
  // Rows leave a time range as time passes: drop them and count again.
  setInterval(() => {
    if (token && filters.range !== 'all') refreshCountsSoon();
  }, RANGE_RECHECK_MS);
}

async function boot() {
  adoptTokenFromFragment();
  bindControls();
  showFilters();
  renderPause();
  try {
    config = await fetchPageConfig();
  } catch (failure) {
    showProblem(`The dashboard could not start: ${failure.message}. Reload to try again.`);
    return;
  }
  stream = new LiveStream(config.heartbeatMs, streamHandlers);
  const stored = storedToken();
  if (stored && !isExpired(stored)) {
    startSession(stored);
  } else {
    showSignIn(stored ? 'Your sign-in expired. Sign in again.' : '');
  }
}

boot();
