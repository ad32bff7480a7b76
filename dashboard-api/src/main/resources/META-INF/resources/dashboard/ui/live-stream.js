// The live stream (GET /dashboard/tasks/stream) and the connection state it shows: live while messages or
// keepalives arrive, stale when keepalives stop, reconnecting while the browser retries, closed when it gave up.

export class LiveStream {
  /**
   * @param heartbeatMs the server's keepalive interval (TASK_DASHBOARD_HEARTBEAT_MS)
   * @param handlers onUpdate(item), onRefreshRequired(reason), onState(state), onClosed()
   */
  constructor(heartbeatMs, handlers) {
    this.staleAfterMs = heartbeatMs * 2 + 1000;
    this.handlers = handlers;
    this.source = null;
    this.state = 'closed';
    /** The newest stream position received: where to resume after the stream closed. */
    this.position = null;
  }

  open(url, position) {
    this.close();
    this.position = position;
    const source = new EventSource(url);
    this.source = source;
    this.#setState('connecting');
    source.addEventListener('open', () => this.#alive(null));
    source.addEventListener('task_status_updated', (event) => {
      this.#alive(event.lastEventId);
      this.handlers.onUpdate(JSON.parse(event.data));
    });
    source.addEventListener('keepalive', (event) => {
      this.#alive(event.lastEventId || JSON.parse(event.data).lastEventId);
    });
    source.addEventListener('snapshot_refresh_required', (event) => {
      this.close();
      this.handlers.onRefreshRequired(JSON.parse(event.data).reason);
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) {
        // Not retried by the browser: an HTTP error such as 401 (token expired) or 400.
        this.close();
        this.handlers.onClosed();
      } else {
        this.#setState('reconnecting');
      }
    });
    this.staleCheck = setInterval(() => {
      if (this.state === 'live' && Date.now() - this.lastMessageAt > this.staleAfterMs) this.#setState('stale');
    }, Math.min(1000, this.staleAfterMs / 4));
  }

  close() {
    clearInterval(this.staleCheck);
    if (this.source) {
      this.source.close();
      this.source = null;
      this.#setState('closed');
    }
  }

  #alive(position) {
    this.lastMessageAt = Date.now();
    if (position) this.position = position;
    this.#setState('live');
  }

  #setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState(state);
  }
}
