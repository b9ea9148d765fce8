/* The one way the PWA talks to the server: same origin, the session cookie, the CSRF header on
 * every change, RFC 9457 problems turned into errors whose French title is shown as it is (the
 * server writes it for the people using the app). Never from a cache: cache 'no-store' here, and
 * the service worker leaves /api/ alone. */

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A problem the server (or the network) answered; `title` is French, written for users. */
export class ApiProblem extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'offline' : 'http_error');
    this.title = problem.title ?? '';
    this.problem = problem;
  }
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return {};
  try {
    return await response.json();
  } catch {
    return {};
  }
}

/**
 * An API client over a fetch function (injected by tests). `onProblem(problem)` sees every
 * problem before it is thrown, so that one place reacts to a revoked tablet whatever screen asked.
 */
export function createApi(fetchImpl, { base = '/api/v1' } = {}) {
  let csrfToken = null;
  let onProblem = () => {};

  async function request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (CHANGES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiProblem(0, { code: 'offline', detail: String(error) });
    }
    if (!response.ok) {
      const problem = new ApiProblem(response.status, await readProblem(response));
      onProblem(problem);
      throw problem;
    }
    if (response.status === 204) return null;
    const data = await readProblem(response);
    // Login, registration and /me hand out the token the next changes must carry.
    if (data && typeof data.csrf_token === 'string') csrfToken = data.csrf_token;
    return data;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    put: (path, body = {}) => request('PUT', path, body),
    patch: (path, body = {}) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    get csrfToken() {
      return csrfToken;
    },
    onProblem: (handler) => {
      onProblem = handler;
    },
  };
}

/** The app's client; screens import this one. */
export const api = createApi((url, init) => fetch(url, init));
