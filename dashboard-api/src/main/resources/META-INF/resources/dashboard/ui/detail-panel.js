// The detail panel: every field of one execution, kept current while it is open.

import { formatDuration, formatInstant, safeLink, statusBadge } from './format.js';

/** The panel's fields in order: what each shows of an item, and how (plain text when no `render`). */
const FIELDS = [
  { name: 'executionId', label: 'Execution id', value: (item) => item.executionId },
  { name: 'taskName', label: 'Task', value: (item) => item.taskName },
  { name: 'status', label: 'Status', value: (item) => item.status, render: statusBadge },
  { name: 'project', label: 'Project', value: (item) => item.project },
  { name: 'flow', label: 'Flow', value: (item) => item.flow },
  { name: 'occurredAt', label: 'Last change', value: (item) => item.occurredAt, render: timeElement },
  { name: 'startedAt', label: 'Started', value: (item) => item.startedAt, render: timeElement },
  { name: 'durationMs', label: 'Duration', value: (item) => item.durationMs, render: formatDuration },
  { name: 'actor', label: 'Created by', value: (item) => item.actor && `${item.actor.provider}:${item.actor.id}` },
  {
    name: 'responsibleUsers', label: 'Responsible users', value: (item) => item.visibility?.responsibleUsers,
    render: (users) => list(users, (user) => user),
  },
  { name: 'prLinks', label: 'Pull requests', value: (item) => item.prLinks, render: (links) => list(links, link) },
  { name: 'error', label: 'Error', value: (item) => item.error && errorText(item.error) },
  { name: 'eventId', label: 'Event id', value: (item) => item.eventId },
  { name: 'lastEventId', label: 'Last event id', value: (item) => item.lastEventId },
];

export class DetailPanel {
  /** @param onClose called after the panel closed (to give focus back to the row) */
  constructor(panel, onClose) {
    this.panel = panel;
    this.title = panel.querySelector('#detail-title');
    this.notice = panel.querySelector('#detail-notice');
    this.onClose = onClose;
    this.executionId = null;
    /** Field name -> its <dd> and the value it shows (as JSON), so an update touches only what changed. */
    this.descriptions = new Map();
    const content = [];
    for (const { name, label } of FIELDS) {
      const term = document.createElement('dt');
      term.textContent = label;
      const description = document.createElement('dd');
      description.dataset.field = name;
      this.descriptions.set(name, { element: description, shown: undefined });
      content.push(term, description);
    }
    panel.querySelector('#detail-fields').replaceChildren(...content);
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

  /** Changes only the fields whose value changed: elements inside the others, and focus on them, stay. */
  #render(item, notice) {
    setText(this.title, item.taskName || item.executionId);
    setText(this.notice, notice);
    this.notice.hidden = !notice;
    for (const field of FIELDS) {
      const value = field.value(item);
      const shown = JSON.stringify(value ?? null);
      const description = this.descriptions.get(field.name);
      if (description.shown === shown) continue;
      description.shown = shown;
      const empty = value == null || value === '' || (Array.isArray(value) && value.length === 0);
      description.element.replaceChildren(empty ? '—' : (field.render ?? String)(value));
    }
  }
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function timeElement(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = formatInstant(iso);
  return time;
}

function list(values, render) {
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
