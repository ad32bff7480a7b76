// The task table: one row per execution, changed in place. No update re-renders the table, so focus, scroll
// position and the open detail panel survive; a row that moves keeps its element (and its focus).

import { compareNewestFirst, isNewer } from './order.js';
import { formatDuration, formatInstant, statusBadge } from './format.js';

export class TaskTable {
  /**
   * @param tbody the table body to own
   * @param onOpen called with the execution id when a row's task button is activated
   */
  constructor(tbody, onOpen) {
    this.tbody = tbody;
    this.onOpen = onOpen;
    /** executionId -> { item, row } */
    this.rows = new Map();
    /** The entries in table order (newest first), for binary-search insertion. */
    this.ordered = [];
    this.isShown = () => true;
  }

  get size() {
    return this.rows.size;
  }

  item(executionId) {
    return this.rows.get(executionId)?.item;
  }

  items() {
    return this.ordered.map((entry) => entry.item);
  }

  /** The oldest loaded item, or undefined. */
  last() {
    return this.ordered.at(-1)?.item;
  }

  /**
   * Shows the item unless a newer state of its execution is already shown.
   * @returns 'added', 'updated' or 'ignored'
   */
  upsert(item) {
    const entry = this.rows.get(item.executionId);
    if (entry) {
      if (!isNewer(item, entry.item)) return 'ignored';
      const moved = compareNewestFirst(item, entry.item) !== 0;
      entry.item = item;
      fillRow(entry.row, item);
      if (moved) this.#reposition(entry);
      entry.row.hidden = !this.isShown(item);
      return 'updated';
    }
    const created = { item, row: this.#createRow(item) };
    created.row.hidden = !this.isShown(item);
    this.rows.set(item.executionId, created);
    this.#place(created);
    return 'added';
  }

  remove(executionId) {
    const entry = this.rows.get(executionId);
    if (!entry) return;
    this.rows.delete(executionId);
    this.ordered.splice(this.ordered.indexOf(entry), 1);
    entry.row.remove();
  }

  /** Removes every row whose execution is not in `keep`. */
  retainOnly(keep) {
    for (const executionId of [...this.rows.keys()]) {
      if (!keep.has(executionId)) this.remove(executionId);
    }
  }

  /** Hides the rows `isShown` rejects (page-only filters); returns how many rows are shown. */
  filter(isShown) {
    this.isShown = isShown;
    let shown = 0;
    for (const { item, row } of this.ordered) {
      row.hidden = !isShown(item);
      if (!row.hidden) shown += 1;
    }
    return shown;
  }

  shownItems() {
    return this.ordered.filter((entry) => !entry.row.hidden).map((entry) => entry.item);
  }

  /** Marks the row whose details are open (aria-expanded on its button). */
  markOpen(executionId) {
    for (const { item, row } of this.ordered) {
      const open = item.executionId === executionId;
      row.classList.toggle('open', open);
      row.querySelector('button.open-detail').setAttribute('aria-expanded', String(open));
    }
  }

  focusRow(executionId) {
    this.rows.get(executionId)?.row.querySelector('button.open-detail').focus();
  }

  #position(item) {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareNewestFirst(this.ordered[middle].item, item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #place(entry) {
    const index = this.#position(entry.item);
    const next = this.ordered[index];
    this.ordered.splice(index, 0, entry);
    this.tbody.insertBefore(entry.row, next ? next.row : null);
  }

  #reposition(entry) {
    this.ordered.splice(this.ordered.indexOf(entry), 1);
    const index = this.#position(entry.item);
    const next = this.ordered[index];
    this.ordered.splice(index, 0, entry);
    const reference = next ? next.row : null;
    if (entry.row.nextElementSibling === reference) return;
    if (typeof this.tbody.moveBefore === 'function') {
      // Keeps focus and state of the moved row (Chromium 133+).
      this.tbody.moveBefore(entry.row, reference);
    } else {
      const focused = entry.row.contains(document.activeElement) ? document.activeElement : null;
      this.tbody.insertBefore(entry.row, reference);
      focused?.focus();
    }
  }

  #createRow(item) {
    const row = document.createElement('tr');
    row.dataset.executionId = item.executionId;
    const task = row.insertCell();
    task.className = 'task';
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'open-detail';
    open.setAttribute('aria-controls', 'detail');
    open.setAttribute('aria-expanded', 'false');
    open.addEventListener('click', () => this.onOpen(row.dataset.executionId));
    const name = document.createElement('span');
    name.className = 'task-name';
    const id = document.createElement('span');
    id.className = 'execution-id';
    open.append(name, id);
    task.append(open);
    for (const cell of ['status', 'project', 'flow', 'updated', 'duration']) {
      row.insertCell().className = cell;
    }
    fillRow(row, item);
    return row;
  }
}

function fillRow(row, item) {
  row.dataset.status = item.status;
  row.querySelector('.task-name').textContent = item.taskName || item.executionId;
  row.querySelector('.execution-id').textContent = item.executionId;
  row.querySelector('.status').replaceChildren(statusBadge(item.status));
  row.querySelector('.project').textContent = item.project;
  row.querySelector('.flow').textContent = item.flow ?? '';
  const time = document.createElement('time');
  time.dateTime = item.occurredAt;
  time.textContent = formatInstant(item.occurredAt);
  row.querySelector('.updated').replaceChildren(time);
  row.querySelector('.duration').textContent = formatDuration(item.durationMs);
}
