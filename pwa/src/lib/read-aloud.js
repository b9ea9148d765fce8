/* Read-aloud: many candidates do not read, so every screen can speak its own text. It uses the
 * device's voices (speechSynthesis), which work without a network on tablets that have them. */

export function canReadAloud() {
  return 'speechSynthesis' in globalThis && 'SpeechSynthesisUtterance' in globalThis;
}

/** Speak the text of the elements marked data-read-aloud, in order, in the page's language. */
export function readAloud(root, language) {
  const text = [...root.querySelectorAll('[data-read-aloud]')]
    .map((element) => element.textContent.trim())
    .filter(Boolean)
    .join(' ');
  // A second press restarts rather than queueing the same words twice.
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language === 'fr' ? 'fr-FR' : language;
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
}
