/* The fallback when the camera or the microphone cannot be used from the page: the tablet's own
 * camera or recorder app, through <input type="file" accept="image/*" capture="environment">.
 * A big button opens it (a bare file input is small and says "Parcourir"). */

import { h } from '../dom.js';
import { pictureButton } from './buttons.js';

/**
 * A big button that opens the file input; `onFile(file)` with what the person took or chose.
 * `capture` true or 'environment' / 'user' asks for the device's camera or recorder directly.
 */
export function filePicker(ctx, { accept, capture = 'environment', label, picture = 'file', onFile }) {
  const input = h('input', {
    type: 'file',
    accept,
    capture: capture === true ? '' : capture || null,
    class: 'capture-file-input',
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onFile(file);
  });
  const open = pictureButton(label, picture, { kind: 'secondary', onclick: () => input.click() });
  const box = h('div', { class: 'capture-file' }, open, input);
  return box;
}
