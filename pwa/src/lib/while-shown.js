/* Listen to a sync client's events while a screen's node is on the page.
 *
 * A screen is built before the host places it in the page: an event that comes in between (the
 * very pull that brings what the screen waits for) must be heard, not taken for "the screen has
 * left". So the listener goes only once the node has been placed and then removed, or when it is
 * never placed at all (the person went elsewhere while it was being built). */

const PLACED_WITHIN_MS = 10000;

/** `listener(event)` for `target`'s `type` events while `node` is shown; returns a stop(). */
export function listenWhileShown(node, target, type, listener) {
  let placed = false;
  const stop = () => target.removeEventListener(type, heard);
  function heard(event) {
    if (node.isConnected) placed = true;
    else if (placed) return stop();
    return listener(event);
  }
  target.addEventListener(type, heard);
  setTimeout(() => {
    if (node.isConnected) placed = true;
    else if (!placed) stop();
  }, PLACED_WITHIN_MS);
  return stop;
}
