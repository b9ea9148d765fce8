/* UI strings live in one file per area and language (src/locales/fr/capture.json...), so that
 * people working on different screens never edit the same file. The app loads one merged file
 * per language (/locales/fr.json), which the build writes with mergeLocales(). */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES_DIR = fileURLToPath(new URL('../src/locales/', import.meta.url));

/** The area files of a language, in a stable order: [{area, messages}]. */
export function localeFiles(language, localesDir = LOCALES_DIR) {
  return readdirSync(join(localesDir, language))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      area: file.replace(/\.json$/, ''),
      messages: JSON.parse(readFileSync(join(localesDir, language, file), 'utf8')),
    }));
}

/** Every message of a language; a key defined in two area files is an error, not a silent win. */
export function readLocale(language, localesDir = LOCALES_DIR) {
  const merged = {};
  const origin = {};
  for (const { area, messages } of localeFiles(language, localesDir)) {
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) {
        throw new Error(`locale ${language}: "${key}" is in both ${origin[key]} and ${area}`);
      }
      merged[key] = value;
      origin[key] = area;
    }
  }
  return merged;
}

/** The languages that have a folder under src/locales. */
export function localeLanguages(localesDir = LOCALES_DIR) {
  return readdirSync(localesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
