/* On a shared tablet: "who are you?" as a grid of faces. A candidate taps their own photo; no
 * name to read or type. Photo and first name make one button, named by the first name. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { problemText, title } from './parts.js';

function initial(name) {
  const letter = (name ?? '?').slice(0, 1);
  return h('span', { class: 'portrait portrait-initial', 'aria-hidden': 'true', text: letter });
}

function candidateButton(ctx, candidate, message) {
  const { t, api } = ctx;
  const portrait = candidate.portrait_url
    ? h('img', { class: 'portrait', src: candidate.portrait_url, alt: '', width: '160', height: '160' })
    : initial(candidate.given_name);
  const choose = h(
    'button',
    {
      type: 'button',
      class: 'candidate',
      onclick: () =>
        busy(choose, async () => {
          message.clear();
          try {
            const answer = await api.post('/devices/me/sign-in', { person_id: candidate.id });
            if (answer.sequence_required) {
              ctx.flow.sequence = { candidate, choices: answer.choices };
              ctx.go('sequence', [], { replace: false });
            } else {
              await ctx.signedIn(answer);
            }
          } catch (error) {
            message.problem(problemText(t, error));
          }
        }),
    },
    portrait,
    // The name is the button's accessible name: the photo's alt is empty, the initial hidden.
    h('span', { class: 'candidate-name', 'data-read-aloud': true, text: candidate.given_name }),
  );
  return h('li', {}, choose);
}

export async function candidatesScreen(ctx, _params, { notice } = {}) {
  const { t, api } = ctx;
  // Whoever chose before is forgotten here, whichever way the tablet came back to the grid.
  ctx.flow = {};
  const candidates = await api.get('/devices/me/candidates');
  const list = Array.isArray(candidates) ? candidates : (candidates.candidates ?? []);
  const message = messageArea();
  if (notice) message.info(notice);
  return h(
    'section',
    { class: 'candidates' },
    title(t('tablet.whoAreYou')),
    said('p', t('tablet.tapYourPhoto'), { class: 'lead' }),
    message.element,
    list.length
      ? h('ul', { class: 'candidate-grid', 'aria-label': t('tablet.listLabel') },
          ...list.map((candidate) => candidateButton(ctx, candidate, message)))
      : said('p', t('tablet.nobody')),
    h(
      'p',
      { class: 'aside' },
      h('a', { class: 'button button-secondary', href: '#/sign-in', text: t('tablet.staffSignIn') }),
    ),
  );
}
