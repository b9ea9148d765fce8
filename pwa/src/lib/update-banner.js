/* The quiet "new version" banner. It appears in place, takes no focus and hides nothing, so a
 * candidate in the middle of a task is not pulled away from it. */

/**
 * Show the banner; a click calls onAccept(). When the person is in the middle of something
 * (`isBusy()`), the banner says the update waits until they are done, instead of reloading.
 */
export function showUpdateBanner(banner, { onAccept, isBusy = () => false, t = null }) {
  const button = banner.querySelector('button');
  const words = banner.querySelector('p');
  button.disabled = false;
  button.addEventListener(
    'click',
    () => {
      // One click is enough; a second would send SKIP_WAITING to a worker already activating.
      button.disabled = true;
      if (isBusy() && t) words.textContent = t('shell.update.afterTask');
      onAccept();
    },
    { once: true },
  );
  banner.hidden = false;
}
