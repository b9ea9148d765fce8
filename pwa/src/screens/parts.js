/* Pieces every screen uses: its title, its buttons, and how a problem is put into words. */

import { ApiProblem } from '../lib/api.js';
import { h, said } from '../lib/dom.js';
import { ceremonyFailureKey } from '../lib/webauthn.js';

const ICONS = {
  key: 'M7 14a5 5 0 1 1 4.9-6H22v4h-2v3h-3v-3h-5.1A5 5 0 0 1 7 14zm0-3a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  tablet:
    'M6 2h12a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 3v13h12V5H6z' +
    'm6 14.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2z',
  door: 'M5 3h9v2H7v14h7v2H5V3zm11 4 5 5-5 5-1.4-1.4 2.6-2.6H9v-2h8.2l-2.6-2.6L16 7z',
  people:
    'M9 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm8 0a3 3 0 1 1 0-6 3 3 0 0 1 0 6zM1 20c0-4 4-6 8-6s8 2 8 6v1H1v-1z' +
    'm17-5c3 0 5 2 5 5v1h-4v-1c0-2-.5-3.5-1-5z',
  plus: 'M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z',
  back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
};

/** An inline pictogram beside a button's words; hidden from screen readers, who get the words. */
export function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'pictogram');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/** The screen's one h1; focus moves there on navigation so screen readers start at the top. */
export function title(text) {
  return said('h1', text, { tabindex: '-1', class: 'screen-title' });
}

/** A button with a pictogram and words; `big` for a candidate's main action (64 px and more). */
export function button(label, { onclick, iconName, big = false, kind = 'primary', ...rest } = {}) {
  const classes = ['button', big ? 'button-big' : '', kind === 'secondary' ? 'button-secondary' : ''];
  return h(
    'button',
    { type: 'button', class: classes.filter(Boolean).join(' '), onclick, ...rest },
    iconName ? icon(iconName) : null,
    h('span', { text: label }),
  );
}

/** A link styled as a button, for moves between screens (they work with no script running too). */
export function linkButton(label, href, { iconName, kind = 'secondary' } = {}) {
  const classes = kind === 'secondary' ? 'button button-secondary' : 'button';
  return h('a', { class: classes, href }, iconName ? icon(iconName) : null, h('span', { text: label }));
}

/**
 * The words for an error: the server's French title when it sent one (written for users), our own
 * for a passkey prompt closed or the network gone.
 */
export function problemText(t, error) {
  if (error instanceof ApiProblem) {
    if (error.status === 0) return t('problem.offline');
    return error.title || t('problem.unknown');
  }
  return t(ceremonyFailureKey(error));
}

/** A column of actions, each a full-width target. */
export function actions(...children) {
  return h('div', { class: 'actions' }, ...children);
}
