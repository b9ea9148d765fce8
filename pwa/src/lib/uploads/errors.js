/* Why a sending stopped, as a stable code, whether trying again can help, and words for people:
 * the server's own French title when it sent a problem (RFC 9457), else our locale strings. */

// Statuses that say "not now" rather than "never": the queue tries these again by itself. 401 is
// one: the session ended under a running upload (a sign-out); the person's next session resumes it.
const TRANSIENT_STATUSES = new Set([401, 408, 409, 423, 425, 429]);

function problemOf(response) {
  try {
    const body = JSON.parse(response.getBody() ?? '');
    return body && typeof body === 'object' ? body : {};
  } catch {
    return {};
  }
}

/**
 * Turn a tus-js-client error into { code, status, title, retry }. No response at all means the
 * network is gone (workshop Wi-Fi): retry when it is back.
 */
export function classifyError(error) {
  const response = error?.originalResponse ?? null;
  if (!response) return { code: 'offline', status: 0, title: '', retry: true };
  const status = response.getStatus();
  const problem = problemOf(response);
  const code = typeof problem.code === 'string' ? problem.code : status >= 500 ? 'server' : 'refused';
  const retry = status >= 500 || TRANSIENT_STATUSES.has(status);
  return { code, status, title: typeof problem.title === 'string' ? problem.title : '', retry };
}

/** The French message: the server's title, else `upload.error.<code>`, else a general one. */
export function messageFor({ code, title }, t) {
  if (title) return title;
  const key = `upload.error.${code}`;
  const message = t(key);
  return message === key ? t('upload.error.unknown') : message;
}
