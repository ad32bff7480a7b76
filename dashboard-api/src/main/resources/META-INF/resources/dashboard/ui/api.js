// The dashboard-api's endpoints, resolved against this module's own URL (…/dashboard/ui/api.js), so the page also
// works behind a path prefix.

const endpoint = (path) => new URL(`../${path}`, import.meta.url);

/** The server answered 401: the token is missing, invalid or expired. */
export class Unauthorized extends Error {}

/** Error codes of the API in words, for the page's messages. */
const PROBLEMS = {
  redis_unavailable: 'the task store (Redis) does not answer',
  internal_error: 'the server failed',
};

async function getJson(url, token) {
  const response = await fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    cache: 'no-store',
  });
  if (response.status === 401) throw new Unauthorized('dashboard_unauthorized');
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? PROBLEMS[body.error] ?? body.error ?? `HTTP ${response.status}`);
  return body;
}

/** The public settings of the page: how to sign in, the keepalive interval. */
export function fetchPageConfig() {
  return getJson(new URL('config.json', import.meta.url));
}

export function fetchProjects(token) {
  return getJson(endpoint('projects'), token);
}

/** One snapshot page; `params` holds the server filters, plus `cursor` and `limit` when wanted. */
export function fetchTasks(token, params) {
  const url = endpoint('tasks');
  url.search = params.toString();
  return getJson(url, token);
}

/** The stream URL: EventSource cannot set headers, so the token travels as the authToken query parameter. */
export function streamUrl(token, cursor, filterParams) {
  const url = endpoint('tasks/stream');
  const params = new URLSearchParams(filterParams);
  params.set('cursor', cursor);
  params.set('authToken', token);
  url.search = params.toString();
  return url.href;
}
