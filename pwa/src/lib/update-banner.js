/* The quiet "new version" banner. It appears in place, takes no focus and hides nothing, so a
 * candidate in the middle of a task is not pulled away from it. */

export function showUpdateBanner(banner, { onAccept }) {
  const button = banner.querySelector('button');
  button.disabled = false;
  button.addEventListener(
    'click',
    () => {
      // One click is enough; a second would send SKIP_WAITING to a worker already activating.
      button.disabled = true;
      onAccept();
    },
    { once: true },
  );
  banner.hidden = false;
}
