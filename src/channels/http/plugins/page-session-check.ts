// A portal page is made from Saxla's own API, asked in-process (web/portal/api-client.ts): the
// dashboard asks for a line's packs, spending, automatic payments, offers and visits, every one
// with the page's session cookie. Checking that cookie once per page rather than once per part
// saves a database read per part (a third of a dashboard's reads). Only the reads of one page
// share the check: every other request, and every request after the page wrote something (a
// log-out ends the session it was made with), checks for itself.
import { AsyncLocalStorage } from 'node:async_hooks';

const pageChecks = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export interface PageSessionScope {
  /** Runs one of the page's requests; reads share the session check, a write forgets it. */
  run<T>(method: string, request: () => Promise<T>): Promise<T>;
}

const reads = new Set(['GET', 'HEAD']);

/** One page's requests to the API: made per page, never shared between pages or customers. */
export function pageSessionScope(): PageSessionScope {
  const checks = new Map<string, Promise<unknown>>();
  return {
    run(method, request) {
      const isRead = reads.has(method.toUpperCase());
      if (!isRead) checks.clear();
      // Promise.resolve inside run: Fastify's inject returns a lazy thenable that starts the request
      // when first awaited, so it must be awaited here, where the page's checks are in scope.
      return pageChecks.run(isRead ? checks : new Map(), () => Promise.resolve(request()));
    },
  };
}

/** The session check for `token`: shared with the page's other reads when inside one, else its own. */
export function checkedOncePerPage<T>(token: string, check: () => Promise<T>): Promise<T> {
  const checks = pageChecks.getStore();
  if (checks === undefined) return check();
  const known = checks.get(token) as Promise<T> | undefined;
  if (known !== undefined) return known;
  const checking = check();
  checks.set(token, checking);
  // A check that failed (the database away) is not reused: the next part asks again.
  checking.catch(() => { if (checks.get(token) === checking) checks.delete(token); });
  return checking;
}
