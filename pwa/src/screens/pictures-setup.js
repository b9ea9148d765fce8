/* On the workshop's tablet, a support worker signed in helps a candidate choose their pictures
 * (3 to 5, in order), or lets them try again after too many wrong tries. The candidate taps; the
 * support worker saves. Only the server keeps the sequence, as a hash. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { pictureGrid, pictureTray } from './picture-grid.js';

const LENGTHS = { min: 3, max: 5 };

function chooseFor(ctx, candidate, { message, back }) {
  const { t, api } = ctx;
  const chosen = [];
  const tray = pictureTray(t);
  const refresh = () => {
    tray.show(chosen);
    save.disabled = chosen.length < LENGTHS.min;
  };
  const save = button(t('pictures.save'), {
    big: true,
    disabled: true,
    onclick: () =>
      busy(save, async () => {
        try {
          const sequence = chosen.map((pic) => pic.id);
          await api.put(`/people/${candidate.id}/picture-secret`, { sequence });
          back(t('pictures.saved', { name: candidate.given_name }));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }).then(refresh),
  });
  const restart = button(t('sequence.restart'), {
    kind: 'secondary',
    onclick: () => {
      chosen.length = 0;
      refresh();
    },
  });
  const grid = pictureGrid(t, undefined, (pic) => {
    if (chosen.length >= LENGTHS.max) return;
    chosen.push(pic);
    refresh();
  });
  return [said('p', t('pictures.howMany'), { class: 'lead' }), grid, tray.element, actions(save, restart)];
}

function candidateActions(ctx, candidate, { message, back }) {
  const { t, api } = ctx;
  const unlock = button(t('pictures.unlock'), {
    kind: 'secondary',
    onclick: () =>
      busy(unlock, async () => {
        try {
          await api.post(`/people/${candidate.id}/picture-secret/unlock`, {});
          back(t('pictures.unlocked', { name: candidate.given_name }));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  return h(
    'section',
    { class: 'picture-setup' },
    said('h2', t('pictures.for', { name: candidate.given_name })),
    ...chooseFor(ctx, candidate, { message, back }),
    said('p', t('pictures.unlockHelp')),
    actions(
      unlock,
      button(t('pictures.otherPerson'), { kind: 'secondary', iconName: 'back', onclick: () => back() }),
    ),
  );
}

export async function picturesSetupScreen(ctx) {
  const { t, api } = ctx;
  const message = messageArea();
  let candidates;
  try {
    candidates = await api.get('/devices/me/candidates');
  } catch {
    return h(
      'section',
      {},
      title(t('pictures.title')),
      said('p', t('pictures.onTabletOnly'), { class: 'lead' }),
      actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
    );
  }
  const body = h('div', {});
  const showList = (news) => {
    body.replaceChildren(
      h(
        'ul',
        { class: 'candidate-grid', 'aria-label': t('tablet.listLabel') },
        ...candidates.map((candidate) =>
          h('li', {}, h('button', {
            type: 'button',
            class: 'candidate',
            onclick: () => {
              message.clear();
              body.replaceChildren(candidateActions(ctx, candidate, { message, back: showList }));
              body.querySelector('h2').setAttribute('tabindex', '-1');
              body.querySelector('h2').focus();
            },
          }, h('span', { class: 'candidate-name', text: candidate.given_name }))),
        ),
      ),
    );
    if (news) message.info(news);
    else message.clear();
  };
  showList();
  return h(
    'section',
    { class: 'pictures' },
    title(t('pictures.title')),
    said('p', t('pictures.intro'), { class: 'lead' }),
    message.element,
    body,
    actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
  );
}
