/* UI strings, French first. Candidates see the same word for the same thing everywhere (see the
 * glossary in DOMAIN.md), so every string lives in locales/, never inline in a module. */

export const LANGUAGES = ['fr', 'en'];
export const DEFAULT_LANGUAGE = 'fr';

/** The first supported language among the user's preferences, French otherwise. */
export function pickLanguage(preferred = globalThis.navigator?.languages ?? []) {
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

async function fetchLocale(language) {
  const response = await fetch(new URL(`/locales/${language}.json`, self.location.href));
  if (!response.ok) {
    throw new Error(`locale ${language}: HTTP ${response.status}`);
  }
  return response.json();
}

/**
 * A translator for one language. A key missing from it falls back to French, then to the key
 * itself, so a forgotten string shows up plainly instead of as an empty button.
 */
export function createTranslator(messages, fallback = {}) {
  return function t(key, params = {}) {
    const template = messages[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

/** Load the messages of a language (French as the fallback) and return { language, t }. */
export async function loadTranslator(language = pickLanguage(), load = fetchLocale) {
  const french = await load(DEFAULT_LANGUAGE);
  const messages = language === DEFAULT_LANGUAGE ? french : await load(language);
  return { language, t: createTranslator(messages, french) };
}

/**
 * Put translated text into [data-i18n] elements. The HTML carries the French text already, so
 * the first screen reads right before any script runs, and with no script at all.
 */
export function translatePage(root, language, t) {
  root.documentElement?.setAttribute('lang', language);
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
}
