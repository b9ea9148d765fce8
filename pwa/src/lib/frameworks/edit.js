/* Editing a framework on the device: the statements a person may reword, a copy of a published
 * version as a new draft with a new version label, and one field changed at a JSON pointer.
 * A published version never changes (the server refuses it): changes go to a new version. */

const KINDS = [
  ['level', (doc) => doc.level_scale.levels.map((item, i) => [`/level_scale/levels/${i}`, item])],
  ['block', (doc) => doc.blocks.map((item, i) => [`/blocks/${i}`, item])],
];

/** Every item a candidate sees, in file order: {pointer, kind, key, item}. */
export function statements(document) {
  const found = [];
  for (const [kind, list] of KINDS) {
    for (const [pointer, item] of list(document)) found.push({ pointer, kind, key: item.key, item });
  }
  document.blocks.forEach((block, b) => {
    block.competencies.forEach((competency, c) => {
      const at = `/blocks/${b}/competencies/${c}`;
      found.push({ pointer: at, kind: 'competency', key: competency.key, item: competency });
      competency.criteria.forEach((criterion, k) => {
        found.push({ pointer: `${at}/criteria/${k}`, kind: 'criterion', key: criterion.key, item: criterion });
      });
    });
  });
  return found.sort((a, b) => order(a.pointer) - order(b.pointer));
}

// Levels first, then each block followed by its competencies and their criteria.
function order(pointer) {
  if (pointer.startsWith('/level_scale')) return Number(pointer.split('/').pop());
  const [, , b, , c, , k] = pointer.split('/');
  return 1000 + Number(b) * 10000 + (c === undefined ? 0 : 1 + Number(c) * 100 + (k === undefined ? 0 : 1 + Number(k)));
}

/** The field that holds the easy-to-read words of an item of that kind. */
export function easyField(kind) {
  return { level: 'easy_label', block: 'easy_title' }[kind] ?? 'easy_wording';
}

/** The official words of an item, for staff. */
export function officialWords(kind, item) {
  return { level: item.label, block: item.title }[kind] ?? item.official_wording;
}

/** A copy of the document with `field` of the item at `pointer` set to `value` (null removes). */
export function withField(document, pointer, field, value) {
  const copy = structuredClone(document);
  const item = pointer.split('/').slice(1).reduce((node, token) => node[token], copy);
  if (value === null && field === 'audio_sha256') item[field] = null;
  else item[field] = value;
  return copy;
}

/** The next free version label: 2024.1 -> 2024.2, 1 -> 2, v3-b -> v3-b.2; never one in `taken`. */
export function nextVersion(label, taken = []) {
  const used = new Set(taken);
  const bump = (text) => {
    const match = /^(.*?)(\d+)$/.exec(text);
    return match ? `${match[1]}${Number(match[2]) + 1}` : `${text}.2`;
  };
  let next = bump(label);
  while (used.has(next)) next = bump(next);
  return next;
}

/** A new draft record from a version record: same document, new label, this structure. */
export function draftOf(record, { id, structureId, takenLabels = [] }) {
  const document = structuredClone(record.document);
  document.version = nextVersion(document.version, takenLabels);
  return { id, structure_id: structureId, status: 'draft', document };
}

/** The labels already used for that slug by that owner (a new version must take another). */
export function takenLabels(records, slug, structureId) {
  return records
    .filter((r) => r.document?.slug === slug && r.structure_id === structureId)
    .map((r) => r.document.version);
}
