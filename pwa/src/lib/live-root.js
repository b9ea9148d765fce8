/* A screen that draws itself again when the sync client brings changes.
 *
 * Draws run one after the other. A redraw asked for by a change waits its turn, and when its turn
 * comes it is skipped if a form is open then (a signature being drawn, words being typed). Being
 * busy is judged when the draw would run, not when the change was heard: a form opened in between
 * (its own draw still waiting) is never wiped by a change heard just before it showed. Changes
 * heard while such a redraw is already waiting add nothing: the one redraw reads the latest data.
 *
 *   const { draw, refresh } = liveRoot(root, (redraw) => render(...));
 *   listenWhileShown(root, sync.client, 'changes', refresh);
 *   await draw();
 */

/** `draw()` always paints in turn; `refresh()` paints in turn unless `isBusy()` by then. */
export function drawQueue(paint, isBusy = () => false) {
  let drawing = Promise.resolve();
  let refreshWaiting = false;
  const after = (step) => {
    const next = drawing.then(step);
    drawing = next.catch(() => {}); // one failed draw must not stop every later one
    return next;
  };
  const draw = () => after(paint);
  const refresh = () => {
    if (refreshWaiting) return drawing;
    refreshWaiting = true;
    return after(() => {
      refreshWaiting = false;
      return isBusy() ? undefined : paint();
    });
  };
  return { draw, refresh };
}

const present = (node) => node !== null && node !== undefined && node !== false;

/**
 * Draw `root`'s children with `render(redraw)`, keeping the focus on the control of the same id
 * (a keyboard user is not sent back to the top). Busy while a `[data-keep-open]` node is inside
 * or `isBusy()` says so.
 */
export function liveRoot(root, render, { isBusy = () => false } = {}) {
  const paint = async () => {
    const nodes = [await render(queue.draw)].flat(Infinity).filter(present);
    const focused = root.contains(document.activeElement) ? document.activeElement.id : '';
    root.replaceChildren(...nodes);
    if (focused) root.querySelector(`#${CSS.escape(focused)}`)?.focus();
  };
  const queue = drawQueue(paint, () => Boolean(root.querySelector('[data-keep-open]')) || isBusy());
  return queue;
}
