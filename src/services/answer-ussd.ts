// Answers one gateway request of a *101# session: load the line and the session, run the menu
// machine over the new inputs, carry out what it asks (a renewal, a language change) and save the
// session, all in one transaction. The first screen (the hot path) is one read of the line; the
// session row is written at the first input.
import { operatorDay, type Instant } from '../domain/calendar.ts';
import { isDomainError, type ErrorCode } from '../domain/errors.ts';
import type { Line } from '../domain/line.ts';
import type { Locale, Qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import {
  answerUssdInput, initialUssdState, languageSet, openUssd, refuseUnseenAction, renderUssd, renewalDone,
  type UssdContext, type UssdEffect, type UssdStep,
} from '../domain/ussd-menu.ts';
import { parseUssdSessionState } from '../domain/ussd-session-state.ts';
import type { Database, Sql } from '../db/database.ts';
import { listActivePlans } from '../db/plan-repository.ts';
import { listActivePromotions } from '../db/promotion-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { deleteUssdSession, lockUssdSession, saveUssdSession, startUssdSession, type UssdSessionRow } from '../db/ussd-session-repository.ts';
import { listLastTopUps } from './list-last-top-ups.ts';
import { readLineUsage } from './get-line-usage.ts';
import { renewLineFromBalance } from './renew-from-balance.ts';
import { setLineLanguage } from './set-line-language.ts';

export interface AnswerUssdDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface UssdRequest {
  readonly sessionId: string;
  readonly msisdn: Msisdn;
  /** The gateway's `text`: every input so far joined by '*', empty when *101# was just dialled. */
  readonly text: string;
}

export type UssdAnswer =
  | { readonly kind: 'screen'; readonly end: boolean; readonly text: string }
  /** The channel turns the code into its END text, in the line's language when known. */
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly language: Locale | null };

/** Gateways end sessions after about 180 s; ours ends then too. */
export const USSD_SESSION_MS = 180_000;
/** More inputs than any real session types in 180 s: the rest is garbage. */
export const MAX_USSD_INPUTS = 40;

function refused(code: ErrorCode, language: Locale | null): UssdAnswer {
  return { kind: 'refused', code, language };
}

function screen(step: { readonly screen: { readonly end: boolean; readonly text: string } }): UssdAnswer {
  return { kind: 'screen', end: step.screen.end, text: step.screen.text };
}

export async function answerUssd(deps: AnswerUssdDeps, request: UssdRequest): Promise<UssdAnswer> {
  const now = deps.now();
  if (request.text === '') return openSession(deps, request, now);
  const inputs = request.text.split('*');
  if (inputs.length > MAX_USSD_INPUTS) return refused('VALIDATION_FAILED', null);
  let language: Locale | null = null;
  try {
    return await deps.db.tx(async (sql) => {
      // The session row is written at the first input, not at the dial: the first screen (by far
      // the most common request) then only reads, and a dial that goes no further leaves nothing.
      const session = await lockUssdSession(sql, request.sessionId)
        ?? await startAndLock(sql, request, now);
      if (!session) return refused('LINE_NOT_FOUND', null);
      if (session.msisdn !== request.msisdn) return refused('VALIDATION_FAILED', null);
      language = session.line?.language ?? null;
      if (session.expiresAt.getTime() <= now) {
        await deleteUssdSession(sql, request.sessionId);
        return refused('USSD_SESSION_EXPIRED', language);
      }
      if (!session.line) return refused('LINE_NOT_FOUND', null);
      const seen = session.inputs;
      const isRetry = request.text === seen;
      const prefix = seen === '' ? '' : `${seen}*`;
      // The gateway only ever appends; a text that rewrites the past is not this session's.
      if (!isRetry && !request.text.startsWith(prefix)) return refused('VALIDATION_FAILED', language);
      const ctx = await loadContext(sql, deps, session.line, now);
      const state = parseUssdSessionState(session.state);
      if (isRetry) return screen({ screen: renderUssd(state, ctx) });

      const fresh = request.text.slice(prefix.length).split('*');
      const firstStep = (seen === '' ? 0 : seen.split('*').length) + 1;
      let step: UssdStep = { state, screen: renderUssd(state, ctx) };
      let current = ctx;
      for (const [i, input] of fresh.entries()) {
        const next = answerUssdInput(step.state, input, current);
        if (next.effect === undefined) {
          step = next;
          continue;
        }
        // Only an answer to the screen the customer actually saw may spend money or change settings.
        if (i > 0) {
          step = refuseUnseenAction(step.state, current);
          break;
        }
        ({ step, ctx: current } = await carryOut(sql, deps, request, next.effect, current, firstStep + i, now));
      }
      await saveUssdSession(sql, request.sessionId, request.text, step.state);
      return screen(step);
    });
  } catch (error) {
    if (isDomainError(error)) return refused(error.code, language);
    throw error;
  }
}

async function startAndLock(sql: Sql, request: UssdRequest, now: Instant): Promise<UssdSessionRow | undefined> {
  const { line } = await startUssdSession(sql, {
    sessionId: request.sessionId, msisdn: request.msisdn, state: initialUssdState, at: new Date(now), expiresAt: new Date(now + USSD_SESSION_MS),
  });
  return line ? lockUssdSession(sql, request.sessionId) : undefined;
}

async function openSession(deps: AnswerUssdDeps, request: UssdRequest, now: Instant): Promise<UssdAnswer> {
  const line = await findLine(deps.db, request.msisdn);
  if (!line) return refused('LINE_NOT_FOUND', null);
  return { kind: 'screen', ...openUssd({ line, today: operatorDay(now), policy: deps.policy }) };
}

async function loadContext(sql: Sql, deps: AnswerUssdDeps, line: Line, now: Instant): Promise<UssdContext> {
  const plans = await listActivePlans(sql);
  const promotions = await listActivePromotions(sql);
  const topUps = await listLastTopUps(sql, line.msisdn);
  const usage = await readLineUsage(sql, line.msisdn, now);
  return { line, today: operatorDay(now), policy: deps.policy, now, plans, promotions, topUps, packs: usage?.items ?? [] };
}

async function carryOut(sql: Sql, deps: AnswerUssdDeps, request: UssdRequest, effect: UssdEffect, ctx: UssdContext, step: number, now: Instant): Promise<{ step: UssdStep; ctx: UssdContext }> {
  if (effect.kind === 'set_language') {
    await setLineLanguage(sql, request.msisdn, effect.language, { source: 'ussd' }, now);
    const next = { ...ctx, line: { ...ctx.line, language: effect.language } };
    return { step: languageSet(next), ctx: next };
  }
  const { result } = await renewLineFromBalance(sql, { policy: deps.policy }, {
    msisdn: request.msisdn, planCode: effect.planCode, planName: effect.planName, months: effect.months, price: effect.price,
    // One renewal per confirmation: a gateway retry of this step finds this key and pays nothing more.
    idempotencyKey: `ussd:${request.sessionId}:${step}`,
    cause: 'renewal from balance by USSD',
    now,
  });
  return { step: renewalDone(effect, { validUntil: result.validUntil, balance: result.balance as Qepik }, ctx), ctx };
}
