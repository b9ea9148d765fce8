/* The sync client: drains the outbox (push) then brings the device up to date (pull), on start,
 * when the network comes back, when the app is shown again and on a timer; backs off with jitter
 * after a failure; lets only one tab of the device sync at a time. Screens listen to its events:
 *
 *   status   {state: 'idle'|'syncing'|'offline'|'error'|'revoked', pending, rejected, rejections,
 *             lastSyncedAt, error}
 *   progress {phase: 'push'|'pull', done, total}   (total is null while a pull has more pages)
 *   changes  {types}                               local records of these types changed */

import { BACKOFF, backoffDelay } from './backoff.js';
import { openChannel } from './channel.js';
import { withDeviceLock } from './lock.js';
import { problemOf, push } from './push.js';
import { pull } from './pull.js';
import { watchTriggers } from './triggers.js';

export const INTERVAL_MS = 60_000;

export class SyncClient extends EventTarget {
  #deps;
  #options;
  #status = {
    state: 'idle', pending: 0, rejected: 0, rejections: [], lastSyncedAt: null, error: null,
  };
  #running = null;
  #again = false;
  #failures = 0;
  #timer = null;
  #started = false;
  #channel = null;
  #unwatch = () => {};

  /**
   * deps: {store, queries, api} (store.js, queries.js, an api with get/post like lib/api.js).
   * options: {personId (the person signed in: only their queued mutations are sent), intervalMs,
   * backoff: {baseMs, capMs}, random, locks, Channel, window, document}.
   */
  constructor(deps, options = {}) {
    super();
    this.#deps = deps;
    this.#options = { intervalMs: INTERVAL_MS, backoff: BACKOFF, random: Math.random, ...options };
  }

  /** The last status emitted. */
  get status() {
    return this.#status;
  }

  /** Listen to the triggers and drain now; resolves when this first drain is over. */
  start() {
    if (this.#started) return this.#running ?? Promise.resolve(null);
    this.#started = true;
    this.#unwatch = watchTriggers({
      win: this.#options.window ?? globalThis.window,
      doc: this.#options.document ?? globalThis.document,
      onSync: () => this.syncNow(),
      onOffline: () => this.#report('offline'),
    });
    this.#channel = openChannel((message) => this.#onMessage(message), this.#options.Channel);
    return this.syncNow();
  }

  /** Stop listening and cancel the timer; a drain under way finishes its current request. */
  stop() {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#unwatch();
    this.#unwatch = () => {};
    this.#channel?.close();
    this.#channel = null;
  }

  /** Drain now (or once more after the drain under way). Resolves with a summary of the drain. */
  syncNow() {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drainWhileAsked().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Ask for a drain after the user queued something: now, unless the client is waiting out
   * failures (no network, server down), when its backoff timer or the `online` event will come
   * first; hundreds of captures queued offline then cost no request each.
   */
  requestSync() {
    if (this.#failures > 0) return null;
    return this.syncNow();
  }

  /** Tell this tab's screens and the other tabs that records of `types` changed here. */
  announce(types) {
    this.#emit('changes', { types });
    this.#channel?.post({ kind: 'changes', types });
  }

  async #drainWhileAsked() {
    let summary;
    do {
      this.#again = false;
      clearTimeout(this.#timer);
      summary = await this.#takeTurn();
      // After a failure the backoff timer decides when to try again, not the requests meanwhile.
    } while (this.#again && this.#started && !summary.error);
    return summary;
  }

  // Callers never await a rejection: whatever goes wrong ends as a status and a retry.
  async #takeTurn() {
    try {
      const turn = await withDeviceLock(() => this.#drain(), this.#options.locks);
      return turn.ran ? turn.value : await this.#skipped();
    } catch (error) {
      return this.#fail(problemOf(error));
    }
  }

  async #drain() {
    const { store, queries, api } = this.#deps;
    const onProgress = (progress) => this.#emit('progress', progress);
    try {
      await this.#report('syncing');
      const { pending } = await queries.counts();
      const { personId = null } = this.#options;
      const pushed = await push({ store, api, personId, total: pending, onProgress });
      if (pushed.types.length) this.announce(pushed.types);
      const pulled = await pull({ store, api, onProgress });
      if (pulled.types.length) this.announce(pulled.types);
      const lastSyncedAt = new Date().toISOString();
      await store.setMeta('lastSyncedAt', lastSyncedAt);
      this.#failures = pushed.retryLater ? this.#failures + 1 : 0;
      await this.#report('idle', { error: null, lastSyncedAt });
      this.#schedule(pushed.retryLater ? this.#backoff() : this.#options.intervalMs);
      return { pushed: pushed.sent, pulled: pulled.received, retryLater: pushed.retryLater };
    } catch (error) {
      return this.#fail(problemOf(error));
    }
  }

  async #fail(problem) {
    if (problem.code === 'device_revoked') {
      // The app's local-data module erases the device when it hears this; we only stop.
      await this.#report('revoked', { error: problem });
      this.#channel?.post({ kind: 'revoked', problem });
      this.stop();
      return { revoked: true, error: problem };
    }
    this.#failures += 1;
    const offline = problem.status === 0 || problem.code === 'offline';
    await this.#report(offline ? 'offline' : 'error', { error: problem });
    this.#schedule(this.#backoff());
    return { error: problem };
  }

  // Another tab holds the lock and syncs for the device: show the shared outbox's counts.
  async #skipped() {
    await this.#report(this.#status.state === 'syncing' ? 'idle' : this.#status.state);
    this.#schedule(this.#options.intervalMs);
    return { skipped: true };
  }

  async #onMessage(message) {
    if (message?.kind === 'changes') {
      this.#emit('changes', { types: message.types });
      await this.#report(this.#status.state);
    } else if (message?.kind === 'revoked') {
      await this.#report('revoked', { error: message.problem });
      this.stop();
    }
  }

  #backoff() {
    return backoffDelay(this.#failures, this.#options.backoff, this.#options.random);
  }

  #schedule(delay) {
    clearTimeout(this.#timer);
    if (this.#started) this.#timer = setTimeout(() => this.syncNow(), delay);
  }

  async #report(state, extra = {}) {
    this.#status = { ...this.#status, ...(await this.#counts()), ...extra, state };
    this.#emit('status', this.#status);
  }

  async #counts() {
    const { queries, store } = this.#deps;
    try {
      const lastSyncedAt = this.#status.lastSyncedAt ?? (await store.getMeta('lastSyncedAt'));
      return { ...(await queries.counts()), lastSyncedAt: lastSyncedAt ?? null };
    } catch {
      // The database is closing (erased after a revocation, upgraded by a newer tab): the
      // status keeps the last counts it showed.
      return {};
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
