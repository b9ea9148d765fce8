/* The commitment letter (lettre d'engagement) of a dossier, in easy-to-read French.
 *
 *   const letter = commitmentLetter({ candidate, guardians, structure, scheme, modality,
 *                                     frameworkTitle, supportWorkers, leads, openedOn, today });
 *   letter.text      // the whole letter, one paragraph a line: what is shown, read and signed
 *   letter.signers   // [{role, names}] who must sign: candidate, guardian?, lead, support_worker
 *
 * A pure function: the same dossier gives the same text, byte for byte, on every device, so
 * that the SHA-256 of its UTF-8 text (documentHash) is what each signature names. The letter is
 * a French document whatever the screen's language: its words are here, not in the locales. */

// The schemes written out: the letter is for the candidate, so no bare acronym.
const SCHEME_WORDS = {
  rae: 'la Reconnaissance des Acquis de l’Expérience',
  rsfp: 'la Reconnaissance des Savoir-Faire Professionnels',
  afest: 'une formation en situation de travail',
  vae: 'la Validation des Acquis de l’Expérience',
  cqp: 'un Certificat de Qualification Professionnelle',
  open_badge: 'un badge numérique',
};

// The three RAE modalities, in the candidate's words ("je peux MONTRER, EXPLIQUER, COMPARER").
const MODALITY_WORDS = {
  poste_de_travail: 'Je montre mon travail sur mon poste de travail.',
  entretien_externe: 'J’explique mon travail avec mon dossier.',
  externe_avec_stage: 'Je fais un stage de 6 semaines en entreprise.',
};

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
  'septembre', 'octobre', 'novembre', 'décembre'];

/** "3 mars 2026" from "2026-03-03"; written by hand so that no locale data changes the text. */
export function frenchDate(isoDay) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay ?? '');
  if (!match) return '';
  const [, year, month, day] = match;
  return `${Number(day) === 1 ? '1er' : Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** "Léa Martin" from a person record; '' when the record is not known. */
export function fullName(person) {
  return [person?.given_name, person?.family_name].filter(Boolean).join(' ').trim();
}

/** Whether someone born on `birthDate` is under 18 on `day` (both 'YYYY-MM-DD'). */
export function isMinorOn(birthDate, day) {
  if (!birthDate || !day) return false;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1) < 18;
}

/** Whether the candidate signs with a legal guardian: a minor, or a protected adult. */
export function needsGuardian(candidate, day) {
  return Boolean(candidate?.protected_adult) || isMinorOn(candidate?.birth_date, day);
}

const listed = (names) => {
  const known = names.filter(Boolean);
  if (known.length <= 1) return known[0] ?? '';
  return `${known.slice(0, -1).join(', ')} et ${known.at(-1)}`;
};

function who(input) {
  const lines = [`Je m’appelle ${fullName(input.candidate)}.`];
  lines.push('Je veux faire reconnaître ce que je sais faire au travail.');
  lines.push(`Ma démarche s’appelle ${SCHEME_WORDS[input.scheme] ?? input.scheme}.`);
  if (input.frameworkTitle) lines.push(`Mon métier : ${input.frameworkTitle}.`);
  if (MODALITY_WORDS[input.modality]) lines.push(MODALITY_WORDS[input.modality]);
  if (input.structure?.name) lines.push(`Ma structure : ${input.structure.name}.`);
  const workers = listed(input.supportWorkers.map(fullName));
  if (workers) lines.push(`Mon accompagnateur ou mon accompagnatrice : ${workers}.`);
  if (input.openedOn) lines.push(`Mon dossier commence le ${frenchDate(input.openedOn)}.`);
  return lines;
}

const PROMISES = [
  'Ce que je fais :',
  'Je prends des photos et des vidéos de mon travail.',
  'Je dis ce que je sais faire.',
  'Je regarde mon dossier avec mon accompagnateur.',
  'Je présente mon dossier au jury.',
  'Le jury, ce sont les personnes qui regardent mon dossier.',
  'Ce que fait mon accompagnateur :',
  'Il m’aide à chaque étape.',
  'Il vient avec moi devant le jury.',
  'Ce que fait la direction de ma structure :',
  'Elle donne le temps et le matériel pour ma démarche.',
  'Mes droits :',
  'Mes photos et mes vidéos sont dans mon dossier.',
  'Seules les personnes de ma démarche peuvent voir mon dossier.',
  'Je peux arrêter ma démarche quand je veux.',
];

/** Who must sign, in order, each with the names the dossier knows for that role. */
export function signersOf(input) {
  const signers = [{ role: 'candidate', names: [fullName(input.candidate)] }];
  if (needsGuardian(input.candidate, input.openedOn ?? input.today)) {
    signers.push({ role: 'guardian', names: input.guardians.map(fullName).filter(Boolean) });
  }
  signers.push({ role: 'lead', names: input.leads.map(fullName).filter(Boolean) });
  signers.push({ role: 'support_worker', names: input.supportWorkers.map(fullName).filter(Boolean) });
  return signers;
}

const SIGNER_WORDS = {
  candidate: 'le candidat ou la candidate',
  guardian: 'le représentant légal',
  lead: 'la direction de la structure',
  support_worker: 'l’accompagnateur ou l’accompagnatrice',
};

/** The letter of a dossier: {title, paragraphs, text, signers}. */
export function commitmentLetter(data) {
  const input = { guardians: [], leads: [], supportWorkers: [], ...data };
  const signers = signersOf(input);
  const signing = signers.map(({ role, names }) =>
    `${SIGNER_WORDS[role]}${names.length ? ` : ${listed(names)}` : ''}.`);
  const title = 'Lettre d’engagement';
  const paragraphs = [title, ...who(input), ...PROMISES, 'Nous signons cette lettre :',
    ...signing.map((line) => line[0].toUpperCase() + line.slice(1))];
  return { title, paragraphs, text: `${paragraphs.join('\n')}\n`, signers };
}

/** The SHA-256 (hex) of a text's UTF-8 bytes: the `document_sha256` of its signatures. */
export async function documentHash(text, subtle = globalThis.crypto.subtle) {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
