// Calls to the fundraising API, as the person signed in to Twenty: their token from Twenty's tokenPair cookie.
// A 401 (or a 403 saying Twenty refused the token) renews the token once (Twenty's renewToken) and tries again;
// failing that, back to Twenty's sign-in.

const API = '/api/fundraising';

export class ApiError extends Error {
  constructor(status, message, details = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

function readPair() {
  const entry = document.cookie.split('; ').find((c) => c.startsWith('tokenPair='));
  if (!entry) return null;
  try {
    return JSON.parse(decodeURIComponent(entry.slice('tokenPair='.length)));
  } catch {
    return null;
  }
}

export function token() {
  const pair = readPair();
  return pair?.accessOrWorkspaceAgnosticToken?.token || null;
}

/** True when there is a token to call with: the access token, else one renewed from the refresh token. */
export async function session() {
  return Boolean(token()) || renew();
}

export function toSignIn() {
  const back = location.pathname + location.search + location.hash;
  location.assign('/welcome?redirect=' + encodeURIComponent(back));
}

let renewing = null;

/** One renewal at a time, however many calls got a 401 together. */
function renew() {
  if (!renewing) {
    renewing = renewOnce().finally(() => { renewing = null; });
  }
  return renewing;
}

async function renewOnce() {
  const refresh = readPair()?.refreshToken?.token;
  if (!refresh) return false;
  try {
    const answer = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation RenewToken($appToken: String!) { renewToken(appToken: $appToken) { tokens { '
          + 'accessOrWorkspaceAgnosticToken { token expiresAt } refreshToken { token expiresAt } } } }',
        variables: { appToken: refresh },
      }),
    });
    const tokens = answer.ok ? (await answer.json())?.data?.renewToken?.tokens : null;
    if (!tokens?.accessOrWorkspaceAgnosticToken?.token) return false;
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = 'tokenPair=' + encodeURIComponent(JSON.stringify(tokens)) + '; Path=/; SameSite=Lax' + secure;
    return true;
  } catch {
    return false;
  }
}

/** A 403 that says Twenty refused the token itself (an expired session), not a missing permission. */
async function rejectedToken(answer) {
  const body = await answer.json().catch(() => ({}));
  return /rejected the credentials/i.test(body.message || '');
}

/** Words a gift processor can act on, never a gateway's HTML page or a raw upstream body. */
async function failure(answer) {
  const type = answer.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    const body = await answer.json().catch(() => ({}));
    if (answer.status >= 502 && answer.status <= 504 && /twenty/i.test(body.message || '')) {
      return new ApiError(answer.status, `Twenty is temporarily unavailable (status ${answer.status}), try again in a minute`);
    }
    return new ApiError(answer.status, body.message || `The service answered ${answer.status}`, body.details || []);
  }
  if (answer.status >= 500) {
    return new ApiError(answer.status, `Twenty is temporarily unavailable (status ${answer.status}), try again in a minute`);
  }
  return new ApiError(answer.status, `The service answered ${answer.status}; try again, or reload the page`);
}

/**
 * {@code method path} under /api/fundraising; {@code body} is sent as JSON unless {@code contentType} says otherwise.
 * Answers the parsed JSON (or null for an empty answer); throws ApiError.
 */
export async function api(method, path, body, contentType, retried = false, extraHeaders = {}) {
  const headers = { Authorization: 'Bearer ' + (token() || ''), ...extraHeaders };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  let answer;
  try {
    answer = await fetch(API + path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'The service could not be reached; check the connection and try again');
  }
  if (answer.status === 401 || (answer.status === 403 && await rejectedToken(answer.clone()))) {
    if (!retried && await renew()) return api(method, path, body, contentType, true, extraHeaders);
    toSignIn();
    throw new ApiError(401, 'Your Twenty session has ended; signing in again');
  }
  if (!answer.ok) throw await failure(answer);
  const text = await answer.text();
  return text ? JSON.parse(text) : null;
}

/** A write that may be sent again safely: the same Idempotency-Key makes a repeat answer what the first did. */
export function apiOnce(method, path, body, key) {
  return api(method, path, body, undefined, false, { 'Idempotency-Key': key });
}

/**
 * A Server-Sent Events stream of the API. EventSource sends no headers, so the service reads the person's token from
 * Twenty's session cookie, which the browser sends to this site only; no token goes in the URL (nor in any log).
 */
export function events(path) {
  return new EventSource(API + path);
}

/** An error for a person: the message, and each field's reason. */
export function describe(error) {
  const details = (error.details || []).map((d) => (d.field ? `${d.field}: ${d.message}` : d.message || '')).filter(Boolean);
  return details.length ? `${error.message} — ${details.join('; ')}` : error.message;
}

/** 12.50 → 12500000 micros, exactly (no floating point): at most six decimals. */
export function toMicros(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,6}))?\s*$/.exec(text || '');
  if (!match) return null;
  return Number(match[1]) * 1_000_000 + Number((match[2] || '').padEnd(6, '0'));
}

export function money(value) {
  if (!value || value.amountMicros === null || value.amountMicros === undefined || value.amountMicros === '') return '';
  const micros = Number(value.amountMicros);
  const code = value.currencyCode || '';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: code }).format(micros / 1_000_000);
  } catch {
    return (micros / 1_000_000).toFixed(2) + ' ' + code;
  }
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function field(label, input) {
  return el('label', {}, label, input);
}

export function banner(kind, ...content) {
  const slot = document.getElementById('banner');
  slot.replaceChildren(content.length ? el('div', { class: 'banner ' + kind }, ...content) : '');
}

export function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
