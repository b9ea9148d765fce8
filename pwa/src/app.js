/* Entry point: register the service worker, translate the shell, say whether it works offline,
 * show where the person's work stands (sent, waiting for the wifi), offer read-aloud, then draw
 * the screen the address asks for (lib/screen-host.js, screens/). Each concept lives in its own
 * module under lib/. */

import { loadTranslator, translatePage } from './lib/i18n.js';
import { watchCopiesAtStart } from './lib/jury/erasure.js';
import { watchOfflineStatus } from './lib/offline-status.js';
import { canReadAloud, readAloud } from './lib/read-aloud.js';
import { isBusy } from './lib/shell/activity.js';
import { createSyncWidget } from './lib/shell/sync-widget.js';
import { showUpdateBanner } from './lib/update-banner.js';
import { startScreens } from './lib/screen-host.js';
import { activateUpdate, registerServiceWorker } from './lib/updates.js';

// The screens, once started: an update closes the person's data before the page reloads.
let screens = null;
let translate = null;

async function startServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const banner = document.getElementById('update-banner');
  await registerServiceWorker({
    onUpdateReady: (worker) =>
      showUpdateBanner(banner, {
        isBusy,
        t: (key) => translate?.(key) ?? key,
        onAccept: () =>
          activateUpdate(worker, { beforeActivate: async () => screens?.closeLocal() }),
      }),
  });
}

async function startInterface() {
  const { language, t } = await loadTranslator();
  translate = t;
  if (language !== document.documentElement.lang) translatePage(document, language, t);

  watchOfflineStatus(document.getElementById('offline-status'), t);
  const syncWidget = createSyncWidget(document.getElementById('sync-status'), { t });

  const readButton = document.getElementById('read-aloud');
  if (canReadAloud()) {
    readButton.hidden = false;
    readButton.addEventListener('click', () => readAloud(document.querySelector('main'), language));
  }

  screens = startScreens({
    root: document.getElementById('screen'),
    t,
    language,
    onPersonData: (data) => {
      syncWidget.attach(data);
      // A jury's offline copy that must go goes now, not when a jury screen is next opened.
      watchCopiesAtStart(data).catch((error) => console.error('jury copy check', error));
    },
  });
  await screens.ready;
}

// Independent on purpose: a missing locale file must not stop the app from becoming offline-ready.
const results = await Promise.allSettled([startServiceWorker(), startInterface()]);
for (const result of results) {
  // The French shell is already on screen; a failure here only loses extras, so log and go on.
  if (result.status === 'rejected') console.error('Preuves could not start fully', result.reason);
}
