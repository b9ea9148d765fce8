/* The testimonies of a dossier, for its staff (#/testimonies/<dossierId>): ask a witness (a
 * placement tutor, an employer, a colleague) through a one-time link and its QR code, follow the
 * requests, withdraw one, and read or hear the testimonies received (synced records). */

import { ApiProblem } from '../../lib/api.js';
import { loadDossier } from '../../lib/dossier-data.js';
import { busy, h, messageArea, said } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { qrImageSource } from '../invitations.js';
import { button, problemText, title } from '../parts.js';
import { backToDossier, liveSection, when } from './live.js';

const words = (competency) => competency?.easy_wording ?? competency?.official_wording ?? '';

function field(id, label, input) {
  return h('div', { class: 'field-group' }, h('label', { for: id, text: label }), input);
}

function askForm(ctx, { dossier, framework, message, onAsked }) {
  const { t, api } = ctx;
  const boxes = (framework?.competencies ?? []).map((competency) => {
    const id = `ask-c-${competency.id}`;
    return h('li', { class: 'check' },
      h('input', { type: 'checkbox', id, value: competency.id }),
      h('label', { for: id, text: words(competency) }));
  });
  const name = h('input', { id: 'ask-name', class: 'field', type: 'text', maxlength: '200', autocomplete: 'off' });
  const role = h('input', { id: 'ask-role', class: 'field', type: 'text', maxlength: '200', autocomplete: 'off' });
  const note = h('textarea', { id: 'ask-message', class: 'field', rows: '3', maxlength: '2000' });
  const form = h('form', { class: 'ask-form', 'aria-labelledby': 'ask-title' },
    h('h2', { id: 'ask-title', text: t('letters.ask.title') }),
    h('fieldset', {}, h('legend', { text: t('letters.ask.competencies') }), h('ul', { class: 'checks' }, boxes)),
    field('ask-name', t('letters.ask.witnessName'), name),
    field('ask-role', t('letters.ask.witnessRole'), role),
    field('ask-message', t('letters.ask.message'), note));
  // Once the person types or ticks, incoming changes must not redraw the form away.
  form.addEventListener('input', () => form.setAttribute('data-keep-open', ''));
  const submit = button(t('letters.ask.submit'), { id: 'ask-submit', type: 'submit' });
  form.append(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const competencyIds = boxes.map((li) => li.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    if (!competencyIds.length) {
      message.problem(t('letters.ask.noCompetency'));
      return;
    }
    busy(submit, async () => {
      try {
        const asked = await api.post(`/dossiers/${dossier.id}/testimony-requests`, {
          competency_ids: competencyIds, witness_name: name.value, witness_role: role.value, message: note.value,
        });
        form.removeAttribute('data-keep-open');
        onAsked(asked);
      } catch (error) {
        message.problem(problemText(t, error));
      }
    });
  });
  return form;
}

/** The link and its QR code, shown once: the server keeps only the token's hash. */
function linkCard(ctx, asked) {
  const { t, language } = ctx;
  const link = h('input', { id: 'testimony-link', class: 'field', type: 'text', readonly: true, value: asked.url });
  const copy = button(t('letters.link.copy'), { kind: 'secondary', onclick: async () => {
    link.select();
    await navigator.clipboard?.writeText(asked.url).catch(() => {});
    copy.querySelector('span').textContent = t('letters.link.copied');
  } });
  const who = asked.witness_name || t('letters.link.theWitness');
  return h('section', { class: 'card testimony-link', 'aria-labelledby': 'link-title', 'data-keep-open': true },
    h('h2', { id: 'link-title', tabindex: '-1', text: t('letters.link.title', { name: who }) }),
    said('p', t('letters.link.handOver')),
    said('p', t('letters.link.once', { date: when(language, asked.expires_at) })),
    field('testimony-link', t('letters.link.field'), link),
    h('div', { class: 'row' }, copy),
    h('img', { class: 'qr', src: qrImageSource(asked.qr_svg), alt: t('letters.link.qrAlt', { name: who }), width: '240', height: '240' }));
}

function requestItem(ctx, asked, framework, onWithdraw) {
  const { t, language } = ctx;
  const who = [asked.witness_name, asked.witness_role].filter(Boolean).join(', ') || t('letters.link.theWitness');
  const what = asked.competency_ids.map((id) => words(framework?.competency(id))).filter(Boolean).join(' ; ');
  return h('li', { class: 'testimony-request', dataset: { status: asked.status } },
    h('h3', { text: who }),
    h('p', { text: t(`letters.status.${asked.status}`, { date: when(language, asked.used_at ?? asked.expires_at) }) }),
    what ? h('p', { class: 'help', text: what }) : null,
    asked.status === 'live'
      ? button(t('letters.withdraw'), { kind: 'secondary', 'aria-label': t('letters.withdrawFor', { name: who }), onclick: () => onWithdraw(asked) })
      : null);
}

async function testimonyItem(ctx, testimony, framework) {
  const { t, language } = ctx;
  const audio = testimony.body_audio_sha256
    ? h('audio', { controls: true, preload: 'none', 'aria-label': t('letters.received.listen', { name: testimony.author_name }),
      src: await mediaSource(ctx, { key: testimony.id, sha256: testimony.body_audio_sha256 }) })
    : null;
  const what = (testimony.competency_ids ?? []).map((id) => words(framework?.competency(id))).filter(Boolean);
  return h('li', { class: 'testimony' },
    h('h3', { text: t('letters.received.by', { name: testimony.author_name, role: testimony.author_role }) }),
    h('p', { class: 'help', text: when(language, testimony.given_at) }),
    testimony.body_text ? h('blockquote', { text: testimony.body_text }) : null,
    audio,
    what.length ? h('ul', { class: 'competency-tags' }, what.map((text) => h('li', { text }))) : null);
}

async function requestsPart(ctx, dossier, framework, { message, redraw }) {
  const { t, api } = ctx;
  let requests;
  try {
    requests = (await api.get(`/dossiers/${dossier.id}/testimony-requests`)).requests;
  } catch (error) {
    return said('p', error instanceof ApiProblem && error.status === 0 ? t('letters.requests.offline') : problemText(t, error));
  }
  if (!requests.length) return said('p', t('letters.requests.none'));
  const onWithdraw = async (asked) => {
    try {
      await api.delete(`/dossiers/${dossier.id}/testimony-requests/${asked.id}`);
      message.info(t('letters.withdrawn'));
      await redraw();
    } catch (error) {
      message.problem(problemText(t, error));
    }
  };
  return h('ul', { class: 'testimony-requests' }, requests.map((asked) => requestItem(ctx, asked, framework, onWithdraw)));
}

export async function testimoniesScreen(ctx, [dossierId]) {
  const { t } = ctx;
  const message = messageArea();
  let justAsked = null;
  // Testimonies come from the server (a witness answered by link): ask for them on arrival.
  (await ctx.local()).sync.client.syncNow();
  return liveSection(ctx, 'letters testimonies', async (sync, redraw) => {
    const loaded = await loadDossier(sync.queries, dossierId);
    if (!loaded) return [title(t('letters.testimoniesTitle')), said('p', t('letters.noDossier'), { role: 'alert' })];
    const { dossier, framework, records } = loaded;
    const received = (records.testimony ?? []).sort((a, b) => String(b.given_at).localeCompare(String(a.given_at)));
    const onAsked = (asked) => {
      justAsked = asked;
      message.info(t('letters.ask.done'));
      redraw().then(() => document.getElementById('link-title')?.focus());
    };
    return [
      backToDossier(t, dossier.id),
      title(t('letters.testimoniesTitle')),
      said('p', t('letters.testimoniesIntro')),
      message.element,
      justAsked ? linkCard(ctx, justAsked) : askForm(ctx, { dossier, framework, message, onAsked }),
      justAsked ? button(t('letters.ask.another'), { kind: 'secondary', onclick: () => {
        justAsked = null;
        message.clear();
        redraw();
        // A testimony may have come in by its link meanwhile. Its `changes` event can arrive
        // while the link card still holds the screen (and is not redrawn), so draw again after.
        sync.client.syncNow().then(() => redraw());
      } }) : null,
      h('section', { 'aria-labelledby': 'requests-title' },
        h('h2', { id: 'requests-title', text: t('letters.requests.title') }),
        await requestsPart(ctx, dossier, framework, { message, redraw })),
      h('section', { 'aria-labelledby': 'received-title' },
        h('h2', { id: 'received-title', text: t('letters.received.title') }),
        received.length
          ? h('ul', { class: 'testimonies-received' }, await Promise.all(received.map((one) => testimonyItem(ctx, one, framework))))
          : said('p', t('letters.received.none'))),
    ];
  });
}
