// How values read on the page.

import { STATUS_LABELS } from './filters.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatInstant(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDuration(ms) {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

/** A status badge: the label is text, the colour only repeats it. */
export function statusBadge(status) {
  const badge = document.createElement('span');
  badge.className = `badge status-${status}`;
  badge.textContent = statusLabel(status);
  return badge;
}

/** Only http(s) links become clickable: a javascript: URL from an event must never run. */
export function safeLink(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
