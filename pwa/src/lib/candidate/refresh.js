/* A candidate's screen that reads the device's copy is drawn again when new records of the types
 * it shows arrive (a first sync after sign-in brings the dossier; the support worker's words come
 * later), until the person leaves the screen. */

/**
 * Replace `node` by `await draw()` each time the sync client reports changes to one of `types`;
 * stops at the next route change. Returns a function that stops it sooner.
 */
export function redrawOnChanges(client, types, node, draw) {
  let shown = node;
  let drawing = Promise.resolve();
  const wanted = new Set(types);
  const onChanges = (event) => {
    const changed = event.detail?.types ?? [];
    if (!changed.some((type) => wanted.has(type))) return;
    // One redraw at a time, in order: a burst of changes never shows an older state last.
    drawing = drawing.then(async () => {
      const next = await draw();
      // The same node back: nothing the screen shows has changed.
      if (next === shown || !shown.isConnected) return;
      shown.replaceWith(next);
      shown = next;
    }).catch((error) => console.error('redraw failed', error));
  };
  const stop = () => {
    client.removeEventListener('changes', onChanges);
    window.removeEventListener('hashchange', stop);
  };
  client.addEventListener('changes', onChanges);
  window.addEventListener('hashchange', stop);
  return stop;
}
