/* A signature pad: the signer draws a mark with a finger, a pen or a mouse (pointer events), or
 * presses "Je signe avec une croix" when drawing is hard: no gesture without a button. The mark
 * is kept as a PNG.
 *
 *   const pad = signaturePad({ label, onChange(hasMark) {} });
 *   box.append(pad.element);  ...  const png = await pad.toBlob();
 */

import { h } from '../dom.js';

const WIDTH = 600;
const HEIGHT = 240;
const INK = '#0b2545';

function context2d(canvas) {
  const ink = canvas.getContext('2d');
  ink.lineWidth = 5;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.strokeStyle = INK;
  return ink;
}

/** The canvas point under a pointer event, in the canvas's own pixels (it is drawn scaled). */
function pointOf(canvas, event) {
  const box = canvas.getBoundingClientRect();
  return {
    x: ((event.clientX - box.left) * canvas.width) / box.width,
    y: ((event.clientY - box.top) * canvas.height) / box.height,
  };
}

/** Draw a big cross in the middle of the canvas: the mark of whoever does not draw. */
export function drawCross(canvas) {
  const ink = context2d(canvas);
  const size = Math.min(canvas.width, canvas.height) * 0.3;
  const cx = canvas.width / 2;
  const cy = canvas.height / 2;
  ink.lineWidth = 10;
  ink.beginPath();
  ink.moveTo(cx - size, cy - size);
  ink.lineTo(cx + size, cy + size);
  ink.moveTo(cx + size, cy - size);
  ink.lineTo(cx - size, cy + size);
  ink.stroke();
}

export function signaturePad({ label, onChange = () => {} }) {
  const canvas = h('canvas', {
    class: 'signature-canvas', width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': label,
  });
  const ink = context2d(canvas);
  let drawing = false;
  let marked = false;
  const mark = (value) => {
    marked = value;
    canvas.dataset.marked = String(value);
    onChange(value);
  };

  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    drawing = true;
    const { x, y } = pointOf(canvas, event);
    ink.beginPath();
    ink.moveTo(x, y);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    const { x, y } = pointOf(canvas, event);
    ink.lineTo(x, y);
    ink.stroke();
    if (!marked) mark(true);
  });
  const end = () => {
    drawing = false;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', end);

  return {
    element: canvas,
    get marked() {
      return marked;
    },
    clear() {
      ink.clearRect(0, 0, canvas.width, canvas.height);
      mark(false);
    },
    cross() {
      ink.clearRect(0, 0, canvas.width, canvas.height);
      drawCross(canvas);
      mark(true);
    },
    /** The mark as a PNG (a white background, so that it prints and shows everywhere). */
    toBlob() {
      const flat = h('canvas', { width: canvas.width, height: canvas.height });
      const paper = flat.getContext('2d');
      paper.fillStyle = '#ffffff';
      paper.fillRect(0, 0, flat.width, flat.height);
      paper.drawImage(canvas, 0, 0);
      return new Promise((resolve) => flat.toBlob(resolve, 'image/png'));
    },
  };
}
