/** A refused console call: the platform's error code and message (docs/error-codes.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/console/api';
const CSRF_COOKIE = 'im_console_csrf';

/** The CSRF token the login set in a readable cookie; sent back in a header on writes. */
function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === CSRF_COOKIE && value) return value;
  }
  return undefined;
}

/** Calls the console API; resolves with the JSON answer or rejects with an ApiError. */
export async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { body?: unknown; query?: Record<string, number | string | undefined> } = {},
): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined) query.set(k, String(v));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${BASE}${path}${query.size ? `?${query.toString()}` : ''}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json ?? {}) as { code?: number; message?: string };
    throw new ApiError(res.status, err.code ?? 0, err.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

/** A server-side page: what the tables ask for. */
export interface Page<T> {
  items: T[];
  total: number;
}
