/* The pictures of the sign-in sequence. Drawn for this project (pictures/*.svg, same licence as the
 * code), each with a French name that screen readers and read-aloud say. */

// The server's picture ids (backend/preuves/identity/pictures.py), in the server's order.
export const PICTURES = [
  'sun', 'apple', 'cat', 'car', 'tree', 'house',
  'star', 'fish', 'flower', 'ball', 'bike', 'cup',
];

/** { id, src, label } for a picture id; an unknown id still gets a readable label. */
export function picture(id, t) {
  const known = PICTURES.includes(id);
  const key = `picture.${id}`;
  const label = known ? t(key) : String(id);
  return { id, src: known ? `/pictures/${id}.svg` : null, label };
}
