// The portal reads and writes through Saxla's own JSON API, in-process (inject), as the browser's
// delegate: same validation, throttles, CSRF check and errors as every other client, and no second path
// into the services. The customer's cookie, address and origin ride along.
import type { FastifyInstance, FastifyReply, FastifyRequest, LightMyRequestResponse } from 'fastify';
import { DomainError } from '../../domain/errors.ts';

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T; readonly response: LightMyRequestResponse }
  | {
    readonly ok: false; readonly status: number; readonly code: string; readonly detail: string;
    /** The API route itself is not there (yet): the page shows "not available" instead of an error. */
    readonly missingRoute: boolean; readonly response: LightMyRequestResponse;
  };

export interface ApiClient {
  get<T>(url: string): Promise<ApiResult<T>>;
  post<T>(url: string, payload: unknown, headers?: Readonly<Record<string, string>>): Promise<ApiResult<T>>;
  put<T>(url: string, payload: unknown): Promise<ApiResult<T>>;
  delete<T>(url: string): Promise<ApiResult<T>>;
}

function parse(res: LightMyRequestResponse): unknown {
  if (res.body.length === 0) return {};
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    // A non-JSON answer (a framework's plain-text refusal): its status alone says what happened.
    return {};
  }
}

function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

function result<T>(res: LightMyRequestResponse): ApiResult<T> {
  const body = parse(res);
  if (res.statusCode < 400) return { ok: true, status: res.statusCode, data: body as T, response: res };
  const code = field(body, 'code');
  const detail = field(body, 'detail');
  // No page can be made without the database: the portal's error handler answers 503 for all.
  if (res.statusCode === 503 && code === 'DATABASE_UNAVAILABLE') throw new DomainError('DATABASE_UNAVAILABLE', detail);
  return { ok: false, status: res.statusCode, code, detail, missingRoute: res.statusCode === 404 && code === 'NOT_FOUND' && detail.startsWith('no route'), response: res };
}

export function apiClient(app: FastifyInstance, request: FastifyRequest): ApiClient {
  const origin = `${request.protocol}://${request.host}`;
  // The portal's own POST routes already passed the same-origin check, so the delegate speaks
  // for a same-origin page.
  const base: Record<string, string> = { host: request.host, origin, 'sec-fetch-site': 'same-origin', 'x-request-id': request.id };
  const cookie = request.headers.cookie;
  if (cookie) base.cookie = cookie;
  const language = request.headers['accept-language'];
  if (language) base['accept-language'] = language;
  const userAgent = request.headers['user-agent'];
  if (userAgent) base['user-agent'] = userAgent;
  return {
    async get<T>(url: string) {
      return result<T>(await app.inject({ method: 'GET', url, headers: base, remoteAddress: request.ip }));
    },
    async post<T>(url: string, payload: unknown, headers: Readonly<Record<string, string>> = {}) {
      return result<T>(await app.inject({ method: 'POST', url, headers: { ...base, ...headers }, payload: payload as Record<string, unknown>, remoteAddress: request.ip }));
    },
    async put<T>(url: string, payload: unknown) {
      return result<T>(await app.inject({ method: 'PUT', url, headers: base, payload: payload as Record<string, unknown>, remoteAddress: request.ip }));
    },
    async delete<T>(url: string) {
      return result<T>(await app.inject({ method: 'DELETE', url, headers: base, remoteAddress: request.ip }));
    },
  };
}

/** Hands the API's Set-Cookie (the session after log-in, its end at log-out) to the browser. */
export function forwardCookies(reply: FastifyReply, res: LightMyRequestResponse): void {
  const cookies = res.headers['set-cookie'];
  if (cookies === undefined) return;
  const list = Array.isArray(cookies) ? cookies : [String(cookies)];
  for (const c of list) reply.header('set-cookie', c);
}
