/* Tabs of the same device tell each other that the local data changed (a pull applied, a mutation
 * queued or answered, the device revoked), so every open screen can refresh. One channel per
 * person's database (db.js syncName): another person's changes are no news for this session. */

import { syncName } from './db.js';

/** Listen with `onMessage(data)`; returns {post(data), close()}. A no-op where unsupported. */
export function openChannel(onMessage, Channel = globalThis.BroadcastChannel, personId = null) {
  if (!Channel) return { post: () => {}, close: () => {} };
  const channel = new Channel(syncName(personId));
  channel.onmessage = (event) => onMessage(event.data);
  return { post: (data) => channel.postMessage(data), close: () => channel.close() };
}
