/* The twelve pictures as big buttons, and the tray that shows which were tapped, in order. Used to
 * sign in (sequence.js) and, with a support worker, to choose one's pictures (pictures-setup.js). */

import { h, said } from '../lib/dom.js';
import { PICTURES, picture } from '../lib/pictures.js';

function pictureImage(pic) {
  return pic.src
    ? h('img', { class: 'picture-image', src: pic.src, alt: '', width: '96', height: '96' })
    : h('span', { class: 'picture-image', 'aria-hidden': 'true', text: pic.label });
}

/** A grid of picture buttons named in French; onTap(pic) on each tap. */
export function pictureGrid(t, ids = PICTURES, onTap = () => {}) {
  return h(
    'ul',
    { class: 'picture-grid', 'aria-label': t('sequence.pictures') },
    ...ids.map((id) => {
      const pic = picture(id, t);
      return h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'picture', 'aria-label': pic.label, onclick: () => onTap(pic) },
          pictureImage(pic),
          // Read aloud with the screen ("Écouter"), never on a tap: the order is the secret.
          h('span', {
            class: 'picture-name',
            'aria-hidden': 'true',
            'data-read-aloud': true,
            text: pic.label,
          }),
        ),
      );
    }),
  );
}

/** The tapped pictures, as pictures: { element, show(pictures) }. */
export function pictureTray(t) {
  const list = h('ol', { class: 'sequence-tray', 'aria-label': t('sequence.chosen') });
  return {
    element: h('div', { class: 'tray-box' }, said('h2', t('sequence.chosen')), list),
    show: (pictures) =>
      list.replaceChildren(...pictures.map((pic) => h('li', { 'aria-label': pic.label }, pictureImage(pic)))),
  };
}
