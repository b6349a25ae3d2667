// The portal reads and writes through Saxla's own JSON API, in-process (inject), as the browser's
// delegate: same validation, throttles, CSRF check and errors as every other client, and no second path
// into the services. The customer's cookie, address and origin ride along.
import type { FastifyInstance, FastifyReply, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pageSessionScope } from '../../channels/http/plugins/page-session-check.ts';
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
  // The page's reads check its session once between them (plugins/page-session-check.ts).
  const page = pageSessionScope();
  const send = async <T>(options: InjectOptions & { method: 'GET' | 'POST' | 'PUT' | 'DELETE' }): Promise<ApiResult<T>> =>
    result<T>(await page.run(options.method, () => app.inject({ ...options, remoteAddress: request.ip })));
  return {
    get: <T>(url: string) => send<T>({ method: 'GET', url, headers: base }),
    post: <T>(url: string, payload: unknown, headers: Readonly<Record<string, string>> = {}) =>
      send<T>({ method: 'POST', url, headers: { ...base, ...headers }, payload: payload as Record<string, unknown> }),
    put: <T>(url: string, payload: unknown) => send<T>({ method: 'PUT', url, headers: base, payload: payload as Record<string, unknown> }),
    delete: <T>(url: string) => send<T>({ method: 'DELETE', url, headers: base }),
  };
}

/** Hands the API's Set-Cookie (the session after log-in, its end at log-out) to the browser. */
export function forwardCookies(reply: FastifyReply, res: LightMyRequestResponse): void {
  const cookies = res.headers['set-cookie'];
  if (cookies === undefined) return;
  const list = Array.isArray(cookies) ? cookies : [String(cookies)];
  for (const c of list) reply.header('set-cookie', c);
}
