// The detail panel: every field of one execution, kept current while it is open.

import { formatDuration, formatInstant, safeLink, statusBadge } from './format.js';

export class DetailPanel {
  /** @param onClose called after the panel closed (to give focus back to the row) */
  constructor(panel, onClose) {
    this.panel = panel;
    this.title = panel.querySelector('#detail-title');
    this.fields = panel.querySelector('#detail-fields');
    this.notice = panel.querySelector('#detail-notice');
    this.onClose = onClose;
    this.executionId = null;
    panel.querySelector('#detail-close').addEventListener('click', () => this.close());
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  get isOpen() {
    return this.executionId != null;
  }

  show(item) {
    this.executionId = item.executionId;
    this.#render(item, '');
    this.panel.hidden = false;
    this.title.focus();
  }

  /** Shows a newer state of the open execution; `notice` says e.g. that it left the current filter. */
  update(item, notice = '') {
    if (item.executionId === this.executionId) this.#render(item, notice);
  }

  close() {
    if (!this.isOpen) return;
    const executionId = this.executionId;
    this.executionId = null;
    this.panel.hidden = true;
    this.onClose(executionId);
  }

  #render(item, notice) {
    this.title.textContent = item.taskName || item.executionId;
    this.notice.textContent = notice;
    this.notice.hidden = !notice;
    const rows = [
      ['executionId', 'Execution id', item.executionId],
      ['taskName', 'Task', item.taskName],
      ['status', 'Status', statusBadge(item.status)],
      ['project', 'Project', item.project],
      ['flow', 'Flow', item.flow],
      ['occurredAt', 'Last change', timeElement(item.occurredAt)],
      ['startedAt', 'Started', item.startedAt ? timeElement(item.startedAt) : null],
      ['durationMs', 'Duration', item.durationMs == null ? null : formatDuration(item.durationMs)],
      ['actor', 'Created by', item.actor ? `${item.actor.provider}:${item.actor.id}` : null],
      ['responsibleUsers', 'Responsible users', list(item.visibility?.responsibleUsers ?? [], (user) => user)],
      ['prLinks', 'Pull requests', list(item.prLinks ?? [], link)],
      ['error', 'Error', item.error ? errorText(item.error) : null],
      ['eventId', 'Event id', item.eventId],
      ['lastEventId', 'Last event id', item.lastEventId],
    ];
    const content = [];
    for (const [field, label, value] of rows) {
      const term = document.createElement('dt');
      term.textContent = label;
      const description = document.createElement('dd');
      description.dataset.field = field;
      if (value instanceof Node) description.append(value);
      else description.textContent = value == null || value === '' ? '—' : value;
      content.push(term, description);
    }
    this.fields.replaceChildren(...content);
  }
}

function timeElement(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = formatInstant(iso);
  return time;
}

function list(values, render) {
  if (values.length === 0) return null;
  const element = document.createElement('ul');
  for (const value of values) {
    const entry = document.createElement('li');
    entry.append(render(value));
    element.append(entry);
  }
  return element;
}

function link(url) {
  const href = safeLink(url);
  if (!href) return document.createTextNode(url);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = url;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}

function errorText(error) {
  return error.type ? `${error.type}: ${error.message}` : error.message;
}
