/* Send a framework file to the server as it is (it may not even be JSON: the server says where it
 * breaks), and put the errors beside the file's lines for the person to fix them. */

/**
 * POST the file's text to /api/v1/frameworks/import. Resolves {version} when imported, or
 * {problem} (the problem document: French title, errors with line, pointer and message_fr).
 */
export async function sendFramework(text, { csrfToken, structureId, status = 'published', fetchImpl = fetch }) {
  const query = new URLSearchParams({ status });
  if (structureId) query.set('structure_id', structureId);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetchImpl(`/api/v1/frameworks/import?${query}`, {
    method: 'POST', headers, body: text, credentials: 'same-origin', cache: 'no-store',
  });
  const body = await response.json().catch(() => ({}));
  return response.ok ? { version: body } : { problem: { status: response.status, ...body } };
}

/** Map line number -> [error, ...]; errors without a line go under 0 (the whole file). */
export function errorsByLine(errors = []) {
  const byLine = new Map();
  for (const error of errors) {
    const line = Number.isInteger(error.line) ? error.line : 0;
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line).push(error);
  }
  return byLine;
}

/**
 * The lines to show around each error: [{number, text, errors}] with `context` lines before and
 * after every faulty line, in order, and null where lines are skipped.
 */
export function excerpt(text, errors, context = 2) {
  const lines = String(text).split('\n');
  const byLine = errorsByLine(errors);
  const wanted = new Set();
  for (const line of byLine.keys()) {
    if (line < 1) continue;
    for (let n = Math.max(1, line - context); n <= Math.min(lines.length, line + context); n += 1) wanted.add(n);
  }
  const shown = [];
  let previous = 0;
  for (const number of [...wanted].sort((a, b) => a - b)) {
    if (previous && number > previous + 1) shown.push(null);
    shown.push({ number, text: lines[number - 1], errors: byLine.get(number) ?? [] });
    previous = number;
  }
  return shown;
}

/** The message to show for one error: French first, the English one when French is missing. */
export function errorText(error, language = 'fr') {
  if (language === 'fr' && error.message_fr) return error.message_fr;
  const where = Number.isInteger(error.line) ? `Line ${error.line}: ` : '';
  return `${where}${error.message}${error.pointer ? ` (${error.pointer})` : ''}`;
}
