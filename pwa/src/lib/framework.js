/* A framework version as screens use it: its level scale and its competencies, each with the id
 * the server gave it. Those ids are not in the document: the server derives them from the
 * version's id and the item's key (backend/preuves/frameworks/importer.py, child_id), name-based
 * UUIDs (RFC 9562 version 5), so the device derives the very same ones with no network. */

const HEX = (bytes) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

function uuidBytes(uuid) {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
}

/**
 * The address of a framework's own medium (a workstation photo, a recorded statement): they
 * belong to no dossier, so the frameworks API serves them (backend/preuves/frameworks/media.py).
 */
export function frameworkMediaUrl(sha256) {
  return /^[0-9a-f]{64}$/.test(String(sha256 ?? '')) ? `/api/v1/frameworks/media/${sha256}` : null;
}

/** uuid5(namespace, name), as Python's uuid.uuid5. */
export async function uuid5(namespace, name, subtle = globalThis.crypto.subtle) {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(uuidBytes(namespace));
  input.set(nameBytes, 16);
  const bytes = new Uint8Array(await subtle.digest('SHA-1', input)).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = HEX(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a level, block, competency or criterion of a framework version. */
export function childId(versionId, kind, key) {
  return uuid5(versionId, `${kind}:${key}`);
}

const withId = async (versionId, kind, item, extra = {}) => ({
  ...item,
  ...extra,
  id: await childId(versionId, kind, item.key),
});

async function competencyOf(versionId, block, competency) {
  const criteria = await Promise.all(
    (competency.criteria ?? []).map((criterion) => withId(versionId, 'criterion', criterion)),
  );
  return withId(versionId, 'competency', competency, { block_key: block.key, criteria });
}

/**
 * {id, title, kind, status, levels, blocks, competencies, competency(id), level(key)} from a
 * framework_version record. Levels are sorted by rank; competencies are in the document's order.
 */
export async function describeFramework(versionRecord) {
  const { id: versionId, document } = versionRecord;
  const levels = await Promise.all(
    [...document.level_scale.levels]
      .sort((a, b) => a.rank - b.rank)
      .map((level) => withId(versionId, 'level', level)),
  );
  const blocks = await Promise.all(
    document.blocks.map(async (block) => {
      const competencies = await Promise.all(
        block.competencies.map((competency) => competencyOf(versionId, block, competency)),
      );
      return withId(versionId, 'block', block, { competencies });
    }),
  );
  const competencies = blocks.flatMap((block) => block.competencies);
  const byId = new Map(competencies.map((competency) => [competency.id, competency]));
  const byLevelKey = new Map(levels.map((level) => [level.key, level]));
  return {
    id: versionId,
    title: document.title,
    kind: document.kind,
    status: versionRecord.status,
    levels,
    blocks,
    competencies,
    competency: (id) => byId.get(id),
    level: (key) => byLevelKey.get(key),
  };
}
