/* After sign-in: the ways on. A candidate gets big picture tiles, each with its read-aloud button,
 * since many do not read; staff get the links to their screens. Every area's entry is here. */

import { redrawOnChanges } from '../lib/candidate/refresh.js';
import { dossiersOf } from '../lib/dossier-data.js';
import { busy, h, messageArea, said } from '../lib/dom.js';
import { pictogram } from '../lib/pictogram.js';
import { readAloudButton } from '../lib/read-aloud.js';
import { roleNames } from '../lib/session.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { resultTile } from './results/home-tile.js';
import { juryHomeLink } from './jury/home-link.js';

// The candidate's tiles: [locale key, hash, OpenMoji code] (codes precached: src/pictograms.json).
const TILES = [
  ['candidate.tile.photo', '#/photo', '1F4F7'],
  ['candidate.tile.video', '#/video', '1F3A5'],
  ['candidate.tile.voice', '#/voice', '1F3A4'],
  ['candidate.tile.position', '#/position', '270B'],
  ['candidate.tile.proofs', '#/proofs', '1F4C1'],
];

/** Does this person see the candidate's home: on a shared tablet, or a candidate and nothing else. */
export function seesCandidateHome(session) {
  return session.onTablet || (!session.isStaff && roleNames(session.roles).includes('candidate'));
}

function tile(ctx, [key, href, code]) {
  const word = ctx.t(key);
  return h(
    'li',
    { class: 'tile' },
    h('a', { class: 'tile-link', href }, pictogram(`openmoji:${code}`, { className: 'tile-picture' }), h('span', { text: word })),
    readAloudButton(ctx, { text: word, label: word, big: false }),
  );
}

/** The id of the candidate's AFEST dossier, whose reflexive journal gets a tile; else null. */
async function afestDossierId(ctx) {
  try {
    const { sync } = await ctx.local();
    const dossiers = await dossiersOf(sync.queries, ctx.session.person.id);
    return dossiers.find((dossier) => dossier.scheme === 'afest')?.id ?? null;
  } catch (error) {
    // The tiles that need no dossier still work; the journal tile waits for the data.
    console.error('dossiers not readable', error);
    return null;
  }
}

/** My photo: the tablet knows the portraits of its candidates; my initial when there is none. */
function myPortrait(ctx) {
  const { person, deviceId } = ctx.session;
  const initial = h('span', { class: 'portrait portrait-initial', 'aria-hidden': 'true', text: (person?.given_name ?? '?').slice(0, 1) });
  if (!deviceId || !person) return initial;
  const image = h('img', {
    class: 'portrait',
    src: `/api/v1/devices/me/portraits/${person.id}`,
    alt: ctx.t('candidate.home.photoAlt'),
    width: '160',
    height: '160',
  });
  image.addEventListener('error', () => image.replaceWith(initial));
  return image;
}

function candidateHome(ctx, message, leave, journalFor) {
  const { t, session } = ctx;
  const name = session.person?.given_name ?? '';
  const tiles = journalFor ? [...TILES, ['candidate.tile.journal', `#/journal/${journalFor}`, '1F4DD']] : TILES;
  return h(
    'section',
    { class: 'home home-candidate' },
    h('div', { class: 'me' }, myPortrait(ctx), title(name ? t('home.helloName', { name }) : t('home.hello'))),
    message.element,
    h('ul', { class: 'tiles', 'aria-label': t('candidate.home.tiles') }, tiles.map((item) => tile(ctx, item)),
      resultTile(ctx, (item) => tile(ctx, item))),
    actions(leave),
  );
}

function staffLinks(ctx) {
  const { t, session } = ctx;
  return [
    linkButton(t('candidate.staff.dossiers'), '#/dossiers', { iconName: 'people', kind: 'primary' }),
    linkButton(t('candidate.staff.frameworks'), '#/frameworks'),
    session.isManager ? linkButton(t('candidate.staff.pairings'), '#/pairings') : null,
    session.isManager ? linkButton(t('juryadmin.homeLink'), '#/jury-sessions', { iconName: 'people' }) : null,
    linkButton(t('candidate.staff.conflicts'), '#/conflicts'),
    linkButton(t('candidate.staff.sync'), '#/sync'),
    linkButton(t('passkeys.link'), '#/passkeys', { iconName: 'key' }),
    session.isManager ? linkButton(t('invitations.homeLink'), '#/invitations', { iconName: 'plus' }) : null,
    session.deviceId ? linkButton(t('pictures.link'), '#/pictures', { iconName: 'people' }) : null,
    linkButton(t('tablets.link'), '#/tablets', { iconName: 'tablet' }),
    linkButton(t('enrol.link'), '#/enrol', { iconName: 'tablet' }),
  ];
}

export async function homeScreen(ctx, _params, { notice } = {}) {
  const { t, session } = ctx;
  const message = messageArea();
  if (notice) message.info(notice);
  const name = session.person?.given_name ?? '';
  const leave = session.onTablet
    ? button(t('tablet.switch'), { iconName: 'people', big: true, onclick: () => ctx.switchCandidate() })
    : button(t('signOut.button'), {
        iconName: 'door',
        kind: 'secondary',
        onclick: () =>
          busy(leave, async () => {
            try {
              await ctx.signOut();
              ctx.go('', [], { replace: true, notice: t('signOut.done') });
            } catch (error) {
              message.problem(problemText(t, error));
            }
          }),
      });
  if (seesCandidateHome(session)) {
    let journalFor = await afestDossierId(ctx);
    const node = candidateHome(ctx, message, leave, journalFor);
    // The journal's tile comes with an AFEST dossier, which a first sync may still be bringing.
    ctx.local().then(
      ({ sync }) =>
        redrawOnChanges(sync.client, ['dossier'], node, async () => {
          const now = await afestDossierId(ctx);
          if (now === journalFor) return node;
          journalFor = now;
          return candidateHome(ctx, message, leave, now);
        }),
      () => {},
    );
    return node;
  }
  const links = session.isStaff ? staffLinks(ctx) : [linkButton(t('passkeys.link'), '#/passkeys', { iconName: 'key' })];
  links.unshift(juryHomeLink(ctx)); // filled when the person sits on a jury session
  return h(
    'section',
    { class: 'home' },
    title(name ? t('home.helloName', { name }) : t('home.hello')),
    said('p', t('home.intro'), { class: 'lead' }),
    message.element,
    h('nav', { 'aria-label': t('candidate.staff.links') }, actions(...links)),
    actions(leave),
  );
}
