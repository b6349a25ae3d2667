// Server-rendered pages of the staff console: one small layout, escaped text, labelled fields,
// no scripts at all (the CSP allows none), readable on a phone.
import type { FastifyReply } from 'fastify';
import { isDomainError } from '../../../domain/errors.ts';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const staffCss = `body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
header{background:#0b4f6c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff}main{padding:1rem;max-width:52rem;margin:auto}
form{background:#fff;border:1px solid #ccd;border-radius:6px;padding:1rem;margin:0 0 1rem}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}input,select{font:inherit;padding:.45rem;width:100%;max-width:28rem;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin-top:.7rem;background:#0b4f6c;color:#fff;border:0;border-radius:4px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ccd;padding:.35rem;text-align:left}
.error{background:#fde8e8;border:1px solid #c33;padding:.6rem;border-radius:4px}.ok{background:#e8f6ea;border:1px solid #3a3;padding:.6rem}
@media print{header,form{display:none}}
.inline{display:inline;background:none;border:0;padding:0;margin:0 0 0 auto}`;

export function page(title: string, body: string, options: { signedIn?: boolean; error?: string; notice?: string } = {}): string {
  const nav = options.signedIn
    ? `<nav><a href="/staff">Counter</a> · <a href="/staff/report">Shift report</a> · <a href="/staff/audit">Audit log</a> · <a href="/staff/team">Team</a></nav>
       <form method="post" action="/staff/logout" class="inline"><button type="submit">Sign out</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — Saxla staff</title><link rel="stylesheet" href="/staff/assets/staff.css"></head><body>
<header><strong>Saxla staff</strong>${nav}</header><main><h1>${esc(title)}</h1>
${options.error ? `<p class="error" role="alert">${esc(options.error)}</p>` : ''}${options.notice ? `<p class="ok" role="status">${esc(options.notice)}</p>` : ''}
${body}</main></body></html>`;
}

export function field(name: string, label: string, attrs = ''): string {
  return `<label for="${esc(name)}">${esc(label)}</label><input id="${esc(name)}" name="${esc(name)}" ${attrs}>`;
}

export function select(name: string, label: string, options: readonly (readonly [string, string])[]): string {
  return `<label for="${esc(name)}">${esc(label)}</label><select id="${esc(name)}" name="${esc(name)}">${options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('')}</select>`;
}

export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A page sent as the answer to a form, where a redirect would not do (e.g. a secret shown once). */
export interface FormPage {
  readonly html: string;
  readonly status: number;
}

/** Runs a form action (→ 303 to the path it returns, or its page); a domain refusal re-renders the page with the message instead of JSON. */
export async function formAction(reply: FastifyReply, work: () => Promise<string | FormPage>, onError: (message: string) => Promise<string>): Promise<FastifyReply> {
  try {
    const outcome = await work();
    return typeof outcome === 'string' ? await reply.redirect(outcome, 303) : sendPage(reply, outcome.html, outcome.status);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CSRF_REJECTED' || error.code === 'UNAUTHENTICATED') throw error;
    return sendPage(reply, await onError(`${error.message} [${error.code}]`), 422);
  }
}
