/* The capture area's buttons: a picture and a word on every one, 64 px and more, because the
 * person holding the tablet may not read and may not tap precisely. */

import { h } from '../dom.js';
import { pictogram } from '../pictogram.js';

/** OpenMoji codes the capture screens show (all listed in src/pictograms.json, so precached). */
export const PICTURES = {
  photo: 'openmoji:1F4F7',
  video: 'openmoji:1F3A5',
  voice: 'openmoji:1F3A4',
  record: 'openmoji:23FA',
  stop: 'openmoji:23F9',
  listen: 'openmoji:1F50A',
  play: 'openmoji:25B6',
  redo: 'openmoji:1F501',
  keep: 'openmoji:2705',
  throwAway: 'openmoji:1F5D1',
  turn: 'openmoji:1F504',
  file: 'openmoji:1F4C1',
  write: 'openmoji:270D',
  speak: 'openmoji:1F5E3',
  unknown: 'openmoji:2753',
  onlyMe: 'openmoji:1F9D1',
  agreed: 'openmoji:1F91D',
  notAsked: 'openmoji:1F465',
  home: 'openmoji:1F3E0',
  next: 'openmoji:27A1',
  back: 'openmoji:2B05',
  done: 'openmoji:1F31F',
};

/**
 * A big button: `picture` (a key of PICTURES or a pictogram reference) above or beside `label`.
 * The picture is decoration for screen readers, who get the word; `label` may be overridden by
 * an `aria-label` in props when the visible word needs context.
 */
export function pictureButton(label, picture, props = {}) {
  const { kind = 'primary', className = '', ...rest } = props;
  const classes = ['button', 'button-big', 'capture-button'];
  if (kind === 'secondary') classes.push('button-secondary');
  if (className) classes.push(className);
  return h(
    'button',
    { type: 'button', class: classes.join(' '), ...rest },
    pictogram(PICTURES[picture] ?? picture, { className: 'pictogram capture-pictogram' }),
    h('span', { class: 'capture-button-word', text: label }),
  );
}

/** Show exactly the buttons named in `visible` among `buttons` ({name: element}). */
export function showOnly(buttons, visible) {
  for (const [name, element] of Object.entries(buttons)) element.hidden = !visible.includes(name);
}
