/* The sync status in every screen's header: a pictogram, one sentence per kind of thing waiting,
 * a progress bar while sending, a link to the `sync` screen. Never a spinner that blocks: the
 * person goes on working while their work leaves the tablet.
 *
 * attach(personData) follows one person's sync client and upload queue; attach(null) hides it. */

import { pictogramUrl } from '../pictogram.js';
import {
  nearlyFull, sentences, STATE_PICTOGRAMS, summarize, uploadFraction, uploadOf,
} from './sync-status.js';

/** The person's state, read from the device: what summarize() needs. */
export async function readState(data, online = globalThis.navigator?.onLine ?? true) {
  const [outbox, uploads] = await Promise.all([
    data.sync.queries.outboxOf(data.personId),
    data.uploads.entries(),
  ]);
  const mine = uploads.filter(uploadOf(data.personId));
  return summarize({ outbox, uploads: mine, clientState: data.sync.client.status.state, online });
}

/** How full the device is: {usage, quota}, or {} where the browser does not say. */
export async function storageEstimate(storage = globalThis.navigator?.storage) {
  try {
    return (await storage?.estimate?.()) ?? {};
  } catch {
    return {};
  }
}

export function createSyncWidget(element, { t, win = globalThis.window }) {
  const picture = element.querySelector('.sync-status-pictogram');
  const words = element.querySelector('.sync-status-words');
  const bar = element.querySelector('progress');
  const full = element.querySelector('.sync-status-full');
  let data = null;
  let stop = () => {};
  let progress = new Map(); // recordId -> {bytesSent, bytesTotal}
  let pushProgress = null;
  let queued = null;

  function showProgress(state) {
    const fraction =
      uploadFraction(progress) ?? (pushProgress ? pushProgress.done / pushProgress.total : null);
    bar.hidden = state !== 'sending' || fraction === null;
    if (!bar.hidden) bar.value = Math.round(fraction * 100);
  }

  async function render() {
    const shown = data;
    if (!shown) return;
    const [summary, estimate] = await Promise.all([
      readState(shown).catch(() => null),
      storageEstimate(),
    ]);
    if (shown !== data || !summary) return; // the person left meanwhile, or the database closed
    element.dataset.state = summary.state;
    picture.src = pictogramUrl(STATE_PICTOGRAMS[summary.state]);
    words.textContent = sentences(t, summary).join(' ');
    full.hidden = !nearlyFull(estimate);
    if (summary.state !== 'sending') {
      progress = new Map();
      pushProgress = null;
    }
    showProgress(summary.state);
    element.hidden = false;
  }

  // Events come in bursts (a push of 100 mutations): one reading of the database per burst.
  function refresh() {
    queued ??= Promise.resolve().then(() => {
      queued = null;
      return render();
    });
    return queued;
  }

  function follow(opened) {
    const { client } = opened.sync;
    const uploads = opened.uploads;
    const onUploadProgress = ({ detail }) => {
      progress.set(detail.recordId, detail);
      // The first bytes of an upload: the sentence becomes "... en cours d'envoi".
      if (element.dataset.state !== 'sending') refresh();
      else showProgress('sending');
    };
    const onPushProgress = ({ detail }) => {
      pushProgress = detail.phase === 'push' && detail.total ? detail : null;
      showProgress(element.dataset.state);
    };
    const onDone = ({ detail }) => {
      progress.delete(detail.recordId);
      refresh();
    };
    const listeners = [
      [client, 'status', refresh],
      [client, 'changes', refresh],
      [client, 'progress', onPushProgress],
      [uploads, 'queued', refresh],
      [uploads, 'progress', onUploadProgress],
      [uploads, 'done', onDone],
      [uploads, 'error', refresh],
      [win, 'online', refresh],
      [win, 'offline', refresh],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    };
  }

  return {
    attach(opened) {
      stop();
      stop = () => {};
      data = opened;
      progress = new Map();
      pushProgress = null;
      if (!opened) {
        element.hidden = true;
        return Promise.resolve();
      }
      stop = follow(opened);
      return refresh();
    },
    refresh,
  };
}
