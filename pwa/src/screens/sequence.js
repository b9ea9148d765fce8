/* The picture sequence a candidate chose when enrolled: tap the pictures in order. Each picture
 * is a button named in French; what was tapped shows as pictures too, never as text to read. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { actions, button, problemText, title } from './parts.js';
import { pictureGrid, pictureTray } from './picture-grid.js';

function supportWorkerScreen(ctx, text) {
  const { t } = ctx;
  ctx.flow = {};
  return h(
    'section',
    { class: 'sequence' },
    title(t('sequence.askTitle')),
    said('p', text || t('sequence.ask'), { class: 'lead', role: 'alert' }),
    actions(
      button(t('tablet.backToPhotos'), {
        iconName: 'back',
        big: true,
        onclick: () => ctx.switchCandidate(),
      }),
    ),
  );
}

export function sequenceScreen(ctx) {
  const { t, api } = ctx;
  const state = ctx.flow.sequence;
  if (!state) {
    // Reloaded or came back with the back button: start again from the photos.
    ctx.go('candidates', [], { replace: true });
    return h('section', {});
  }
  const chosen = [];
  const message = messageArea();
  const root = h('section', { class: 'sequence' });
  const tray = pictureTray(t);
  const showTray = () => tray.show(chosen);

  let sending = false;
  const send = async () => {
    // Taps while the server checks would be lost when the tray empties after a wrong try.
    sending = true;
    try {
      const answer = await api.post('/devices/me/sign-in', {
        person_id: state.candidate.id,
        sequence: chosen.map((pic) => pic.id),
      });
      await ctx.signedIn(answer);
    } catch (error) {
      chosen.length = 0;
      showTray();
      if (error.code === 'ask_support_worker') {
        root.replaceWith(supportWorkerScreen(ctx, error.title));
        return;
      }
      const left = error.problem?.tries_left;
      const tries = left !== undefined ? t('sequence.triesLeft', { count: left }) : '';
      message.problem([problemText(t, error), tries].filter(Boolean).join(' '));
    } finally {
      sending = false;
    }
  };
  // busy() enables the button again when the answer comes; an empty tray has nothing to send.
  const submit = () => busy(done, send).then(() => {
    done.disabled = chosen.length === 0;
  });
  const done = button(t('sequence.done'), { big: true, onclick: submit, disabled: true });
  const restart = button(t('sequence.restart'), {
    kind: 'secondary',
    onclick: () => {
      chosen.length = 0;
      showTray();
      done.disabled = true;
    },
  });
  const grid = pictureGrid(t, state.choices ?? [], (pic) => {
    if (sending) return;
    message.clear();
    chosen.push(pic);
    showTray();
    done.disabled = false;
  });
  const notMe = button(t('tablet.notMe'), {
    kind: 'secondary',
    iconName: 'back',
    onclick: () => ctx.switchCandidate(),
  });
  root.append(
    title(t('sequence.title', { name: state.candidate.given_name })),
    said('p', t('sequence.intro'), { class: 'lead' }),
    message.element,
    grid,
    tray.element,
    actions(done, restart, notMe),
  );
  return root;
}
