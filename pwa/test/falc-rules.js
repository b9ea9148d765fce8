// Easy-to-read French (FALC): the rules of docs/easy-to-read.md as a checker, with the words of
// src/locales/glossary.json. falc.test.js runs it over every French string; other areas' tests
// may run it on their own strings: `check(key, text)` -> [{key, rule, detail}].
import { readFileSync } from 'node:fs';

export const GLOSSARY = JSON.parse(
  readFileSync(new URL('../src/locales/glossary.json', import.meta.url), 'utf8'),
);

// The documented limits (docs/easy-to-read.md).
export const MAX_WORDS = 15;
export const MAX_LINKS = 2; // commas + joining words in one sentence: more means more than one idea

// Words that join two ideas into one sentence ("et" and "ou" are left out: they list things).
const JOINING = [
  'mais', 'donc', 'car', 'parce que', 'puisque', 'tandis que', 'alors que', 'bien que',
  'quoique', 'lorsque', 'cependant', 'pourtant', 'toutefois', 'néanmoins', 'afin que',
  'de sorte que', 'sinon',
];
const SHORTENED = ['etc', 'cf', 'ex', 'p. ex', 'c.-à-d', 'c-à-d', 'env', 'svp', 'tél', 'qté', 'nb'];

const LETTER = '[\\p{L}\\p{N}]';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole word or phrase, any case, with an optional plural s or x. */
export const wordPattern = (word) =>
  new RegExp(`(?<!${LETTER})${escape(word).replace(/ /g, '\\s+')}[sx]?(?!${LETTER})`, 'iu');
const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** Placeholders ({name}) count as one plain word. */
const plain = (text) => text.replace(/\{[^}]*\}/g, 'mot');

export function sentences(text) {
  return plain(text)
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

const words = (sentence) => sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];

function isStaff(key, glossary) {
  return glossary.staffKeys.prefixes.some((prefix) => key.startsWith(prefix));
}

/** The all-caps tokens of a text (2 letters or more, or a lone Roman-numeral letter). */
function capitalTokens(text) {
  // An elided article (L'atelier, D'accord) is not a lone capital letter.
  return [...plain(text).matchAll(/(?<![\p{L}\p{N}'’])\p{Lu}+(?![\p{L}\p{N}'’])/gu)].map((m) => m[0]);
}

/** Every broken rule of one string: [{key, rule, detail}]. */
export function check(key, text, glossary = GLOSSARY) {
  const failures = [];
  const fail = (rule, detail) => failures.push({ key, rule, detail });
  const staff = isStaff(key, glossary);

  for (const sentence of sentences(text)) {
    const count = words(sentence).length;
    if (count > MAX_WORDS) fail('sentence-length', `${count} words in "${sentence}" (at most ${MAX_WORDS})`);
    if (/;/.test(sentence)) fail('one-idea', `a semicolon joins two ideas in "${sentence}"`);
    const commas = (sentence.match(/,/g) ?? []).length;
    const joins = JOINING.filter((word) => wordPattern(word).test(sentence)).length;
    if (commas + joins > MAX_LINKS || joins > 1) {
      fail('one-idea', `${commas} commas and ${joins} joining words in "${sentence}"`);
    }
  }
  for (const short of SHORTENED) {
    if (new RegExp(`(?<!${LETTER})${escape(short)}\\.?(?!${LETTER})`, 'iu').test(plain(text))) {
      fail('no-shortened-word', `"${short}." is shortened: write the words out`);
    }
  }
  if (/…|\.\.\./.test(text)) fail('no-shortened-word', 'an ellipsis leaves the end unsaid');
  if (/%|(?<!\p{L})pour\s?cent(?!\p{L})/iu.test(text)) fail('no-percentage', 'say "3 sur 4", not a percentage');

  for (const token of capitalTokens(text)) {
    const known = glossary.abbreviations[token];
    if (known) {
      if (known.staff && !staff) fail('abbreviation', `${token} is for staff screens: write "${known.means}"`);
    } else if (ROMAN.test(token)) {
      fail('no-roman-numeral', `${token}: write the number in digits`);
    } else if (token.length > 1) {
      fail('abbreviation', `${token} is not explained in glossary.json`);
    }
  }
  for (const term of glossary.terms) {
    const refused = [...(term.avoid ?? []), ...(staff ? [] : (term.avoidForCandidates ?? []))];
    for (const synonym of refused) {
      if (wordPattern(synonym).test(text)) fail('glossary', `say "${term.word}", not "${synonym}"`);
    }
  }
  return failures;
}
