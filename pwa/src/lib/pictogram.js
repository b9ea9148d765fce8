/* Pictograms as frameworks name them (shared_schemas/framework.schema.json, "pictogram"):
 * openmoji:<CODEPOINTS> and noto:<codepoints> ship with the app (OpenMoji, CC BY-SA 4.0); photo:<sha256> is a structure's
 * own photo of the real workstation, served as media. */

// Both are drawn with OpenMoji's glyph of the codepoints (scripts/pictograms.mjs copies the whole
// colour set): one consistent style on a candidate's screen, and one set to ship and attribute.
import { frameworkMediaUrl } from './framework.js';

const openmojiFile = (code) => `/pictograms/openmoji/${code.toUpperCase().replaceAll('_', '-')}.svg`;
const SHIPPED = { openmoji: openmojiFile, noto: openmojiFile };

/** The address of a pictogram reference, or null when the reference is not one we know. */
export function pictogramUrl(ref) {
  const match = /^(openmoji|noto|photo):([0-9A-Za-z_-]+)$/.exec(String(ref ?? ''));
  if (!match) return null;
  const [, source, code] = match;
  if (source === 'photo') return frameworkMediaUrl(code);
  return SHIPPED[source](code);
}

/**
 * An <img> for a pictogram. `alt` is '' when a visible word says the same thing (the picture is
 * then decoration for screen readers); a picture that is the only label must get its words.
 */
export function pictogram(ref, { alt = '', className = 'pictogram' } = {}) {
  const image = document.createElement('img');
  image.className = className;
  image.alt = alt;
  image.decoding = 'async';
  const url = pictogramUrl(ref);
  if (url) image.src = url;
  // A missing file must not show the browser's broken-image sign to a candidate.
  image.addEventListener('error', () => image.classList.add('pictogram-missing'));
  return image;
}
