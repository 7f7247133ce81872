// What every part of the dashboard's browser script shares: the page's elements, the tokens typed into it, and
// bounded calls to the gateway's API.

export const REQUEST_TIMEOUT_MS = 8_000;

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from the page`);
  return element as T;
};

function tokenInput(id: string): HTMLInputElement {
  const input = byId<HTMLInputElement>(id);
  input.value = localStorage.getItem(`inkstream.${id}`) ?? '';
  input.addEventListener('change', () => localStorage.setItem(`inkstream.${id}`, input.value.trim()));
  return input;
}

// Tokens are kept in this browser only; the form exists for password managers, never submits.
byId('tokens').addEventListener('submit', (event) => event.preventDefault());
const readToken = tokenInput('read-token');
const adminToken = tokenInput('admin-token');

/** An API answer that is not 2xx: its status and the gateway's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${status}: ${message}`);
  }
}

export interface ApiOptions {
  method?: string;
  /** JSON-encoded unless `contentType` says the body is already text (OPML). */
  body?: unknown;
  contentType?: string;
  admin?: boolean;
  timeoutMs?: number;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const token = (options.admin ? adminToken.value : readToken.value || adminToken.value).trim();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    body = options.contentType ? String(options.body) : JSON.stringify(options.body);
  }
  // Bounded: a request the gateway cannot answer (a dependency down) fails instead of freezing the page.
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
  });
  const parsed = (await response.json().catch(() => null)) as (T & { message?: string | string[] }) | null;
  if (!response.ok) {
    const message = Array.isArray(parsed?.message) ? parsed.message.join('; ') : parsed?.message;
    throw new ApiError(response.status, message ?? response.statusText);
  }
  return parsed as T;
}

export function say(text: string, bad = false): void {
  const status = byId('status');
  status.textContent = text;
  status.className = bad ? 'bad' : '';
}
