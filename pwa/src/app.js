/* Entry point: register the service worker, translate the shell, say whether it works offline,
 * offer read-aloud, then draw the screen the address asks for (lib/screen-host.js, screens/).
 * Each concept lives in its own module under lib/. */

import { loadTranslator, translatePage } from './lib/i18n.js';
import { watchOfflineStatus } from './lib/offline-status.js';
import { canReadAloud, readAloud } from './lib/read-aloud.js';
import { showUpdateBanner } from './lib/update-banner.js';
import { startScreens } from './lib/screen-host.js';
import { activateUpdate, registerServiceWorker } from './lib/updates.js';

async function startServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const banner = document.getElementById('update-banner');
  await registerServiceWorker({
    onUpdateReady: (worker) => showUpdateBanner(banner, { onAccept: () => activateUpdate(worker) }),
  });
}

async function startInterface() {
  const { language, t } = await loadTranslator();
  if (language !== document.documentElement.lang) translatePage(document, language, t);

  watchOfflineStatus(document.getElementById('offline-status'), t);

  const readButton = document.getElementById('read-aloud');
  if (canReadAloud()) {
    readButton.hidden = false;
    readButton.addEventListener('click', () => readAloud(document.querySelector('main'), language));
  }

  await startScreens({ root: document.getElementById('screen'), t, language }).ready;
}

// Independent on purpose: a missing locale file must not stop the app from becoming offline-ready.
const results = await Promise.allSettled([startServiceWorker(), startInterface()]);
for (const result of results) {
  // The French shell is already on screen; a failure here only loses extras, so log and go on.
  if (result.status === 'rejected') console.error('Preuves could not start fully', result.reason);
}
