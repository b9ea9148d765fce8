/* Tabs of the same device tell each other that the local data changed (a pull applied, a mutation
 * queued or answered, the device revoked), so every open screen can refresh. */

export const CHANNEL_NAME = 'preuves-sync';

/** Listen with `onMessage(data)`; returns {post(data), close()}. A no-op where unsupported. */
export function openChannel(onMessage, Channel = globalThis.BroadcastChannel) {
  if (!Channel) return { post: () => {}, close: () => {} };
  const channel = new Channel(CHANNEL_NAME);
  channel.onmessage = (event) => onMessage(event.data);
  return { post: (data) => channel.postMessage(data), close: () => channel.close() };
}
