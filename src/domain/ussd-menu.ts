// The *101# menu as a state machine over the gateway's inputs. Pure: the service loads the line,
// the catalog and the last top-ups, feeds one input at a time, carries out the effect a step asks
// for (a renewal, a language change) and stores the state. Every screen is composed to fit one
// USSD screen in its encoding (see ussd-screen.ts).
import type { Instant, IsoDate } from './calendar.ts';
import { planText, type Plan } from './catalog.ts';
import { countdown, statusRank, type Countdown, type LineStatus } from './lifecycle.ts';
import type { Line } from './line.ts';
import type { Locale, Qepik } from './money.ts';
import type { ValidityPolicy } from './policy.ts';
import { priceOrder } from './pricing.ts';
import type { Promotion } from './promotions.ts';
import { composeScreen, firstFitting, formatUssdAmount, formatUssdDate, paginate, type Page } from './ussd-screen.ts';
import { languageNames, languageOrder, ussdTexts, type UssdTexts } from './ussd-texts.ts';
import { packsScreenText } from './ussd-packs.ts';
import type { PackLeft } from './usage-rating.ts';

export type UssdScreenState =
  | { readonly screen: 'home' }
  | { readonly screen: 'renew_plans'; readonly page: number }
  | { readonly screen: 'renew_months'; readonly planCode: string }
  | { readonly screen: 'renew_confirm'; readonly planCode: string; readonly months: number; readonly price: number; readonly validUntilAfter: string }
  | { readonly screen: 'plans'; readonly page: number }
  | { readonly screen: 'plan_detail'; readonly planCode: string }
  | { readonly screen: 'top_ups' }
  | { readonly screen: 'packs' }
  | { readonly screen: 'language' }
  | { readonly screen: 'menu' }
  | { readonly screen: 'renewed'; readonly planName: string; readonly months: number; readonly price: number; readonly validUntil: string; readonly balance: number }
  | { readonly screen: 'insufficient'; readonly price: number; readonly balance: number }
  | { readonly screen: 'closed' };

/** What the session stores: where the customer is, and the way back (for `0`). */
export interface UssdSessionState {
  readonly current: UssdScreenState;
  readonly trail: readonly UssdScreenState[];
}

export interface UssdScreen {
  /** END closes the session on the handset; otherwise the gateway waits for the next input. */
  readonly end: boolean;
  readonly text: string;
}

export type UssdEffect =
  | { readonly kind: 'renew'; readonly planCode: string; readonly planName: string; readonly months: number; readonly price: Qepik; readonly validUntilAfter: IsoDate }
  | { readonly kind: 'set_language'; readonly language: Locale };

export interface UssdStep {
  readonly state: UssdSessionState;
  readonly screen: UssdScreen;
  /** To be carried out by the service before the answer is sent; then renewalDone/languageSet give the screen. */
  readonly effect?: UssdEffect;
}

export interface TopUpRecord {
  readonly day: IsoDate;
  readonly amount: Qepik;
}

/** Enough for the first screen (the hot path reads the line only). */
export interface UssdLineContext {
  readonly line: Line;
  readonly today: IsoDate;
  readonly policy: ValidityPolicy;
}

export interface UssdContext extends UssdLineContext {
  readonly now: Instant;
  /** Active plans in the order customers see them. */
  readonly plans: readonly Plan[];
  readonly promotions: readonly Promotion[];
  /** Newest first. */
  readonly topUps: readonly TopUpRecord[];
  /** What is left in the line's packs this period (none without a plan). */
  readonly packs?: readonly PackLeft[];
}

const HOME: UssdScreenState = { screen: 'home' };
const MAX_TRAIL = 8;
/** The countdown shows on an active line from this many days before its end. */
const NEAR_END_DAYS = 7;
const MAX_TOP_UPS_SHOWN = 5;

/** The stage as of today, even when the nightly sweep has not stored it yet. */
export function currentStage(ctx: UssdLineContext): LineStatus {
  return stageFrom(countdown(ctx.line.validUntil, ctx.today, ctx.policy), ctx);
}

// sweptStatus read off a countdown already computed: the first screen is the hot path, and each
// calendar step of the Temporal polyfill costs microseconds.
function stageFrom(c: Countdown, ctx: UssdLineContext): LineStatus {
  const due: LineStatus = c.daysUntilOneWay > 0 ? 'active' : c.daysUntilSuspended > 0 ? 'one_way'
    : ctx.today < c.quarantineFrom ? 'suspended' : c.daysUntilNumberLost > 0 ? 'quarantine' : 'recyclable';
  return statusRank(due) > statusRank(ctx.line.status) ? due : ctx.line.status;
}

const textsFor = (ctx: UssdLineContext): UssdTexts => ussdTexts[ctx.line.language];

const con = (text: string): UssdScreen => ({ end: false, text });
const end = (text: string): UssdScreen => ({ end: true, text });

// ---- rendering -------------------------------------------------------------------------------

function renderHome(ctx: UssdLineContext, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const c = countdown(ctx.line.validUntil, ctx.today, ctx.policy);
  const stage = stageFrom(c, ctx);
  const until = formatUssdDate(ctx.line.validUntil, locale);
  if (stage === 'quarantine') return end(composeScreen([t.restoreAtStore(c.daysUntilNumberLost)], locale));
  if (stage === 'recyclable') return end(composeScreen([t.released], locale));
  const urgent = stage === 'active'
    ? (c.daysUntilOneWay <= NEAR_END_DAYS ? t.daysLeft(c.daysUntilOneWay) : '')
    : t.lossIn(c.daysUntilNumberLost);
  const balance = t.balance(formatUssdAmount(ctx.line.balance));
  const head = notice === undefined ? [balance, t.stage(stage, until), urgent] : [notice];
  // Richest first. Russian and Chinese screens hold 80 units: with a countdown the full menu moves
  // behind 9, and on a lapsed line the (past) end date gives way to the countdown before that.
  return con(firstFitting([
    composeScreen([...head, ...t.menu], locale),
    composeScreen([...head, ...t.menuCompact], locale),
    composeScreen([...head, t.menuShort], locale),
    composeScreen(notice === undefined ? [balance, t.stageShort(stage), urgent, t.menuShort] : [notice, t.menuShort], locale),
  ]));
}

interface PlanListing {
  readonly pages: Page<Plan>[];
  readonly render: (page: readonly Plan[], hasMore: boolean, notice?: string) => string;
}

function listing(ctx: UssdContext, header: string, label: (plan: Plan) => string): PlanListing {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const render = (page: readonly Plan[], hasMore: boolean, notice?: string): string => composeScreen([
    notice ?? header,
    ...page.map((plan, i) => `${i + 1} ${label(plan)}`),
    hasMore ? t.next : '',
    t.back,
  ], locale);
  const pages = paginate(ctx.plans, (page, more) => [render(page, more), render(page, more, t.invalid)]);
  return { pages, render };
}

function renewListing(ctx: UssdContext): PlanListing {
  return listing(ctx, textsFor(ctx).choosePlan, (plan) => planText(plan, ctx.line.language).name);
}

function plansListing(ctx: UssdContext): PlanListing {
  const t = textsFor(ctx);
  return listing(ctx, t.plansHeader, (plan) => `${planText(plan, ctx.line.language).name} ${t.perMonth(formatUssdAmount(plan.monthlyPrice))}`);
}

function renderListPage(list: PlanListing, page: number, notice?: string): UssdScreen {
  const p = list.pages[page];
  return con(firstFitting([list.render(p?.items ?? [], page + 1 < list.pages.length, notice)]));
}

interface Offer {
  readonly months: number;
  readonly price: Qepik;
  readonly validUntilAfter: IsoDate;
}

/** The exact prices priceOrder gives this line (multi-month and running promotions included). */
function offersFor(plan: Plan, ctx: UssdContext): Offer[] {
  return plan.durations.map((months) => {
    const priced = priceOrder({
      items: [{ msisdn: ctx.line.msisdn, plan, months, currentValidUntil: ctx.line.validUntil }],
      promotions: ctx.promotions, now: ctx.now, today: ctx.today, locale: ctx.line.language,
    });
    const item = priced.ok ? priced.items[0] : undefined;
    if (!item) throw new Error('pricing without a promo code always prices the item');
    return { months, price: item.total, validUntilAfter: item.validUntilAfter };
  });
}

const findPlanIn = (ctx: UssdContext, code: string): Plan | undefined => ctx.plans.find((p) => p.code === code);

function renderMonths(ctx: UssdContext, plan: Plan, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const offers = offersFor(plan, ctx);
  const name = planText(plan, locale).name;
  const head = notice ?? name;
  return con(firstFitting([
    composeScreen([head, ...offers.map((o, i) => `${i + 1} ${t.months(o.months)} ${formatUssdAmount(o.price)}`), t.back], locale),
    composeScreen([notice ?? t.chooseMonths, ...offers.map((o, i) => `${i + 1} ${t.months(o.months)}`), t.back], locale),
  ]));
}

function renderConfirm(ctx: UssdContext, s: Extract<UssdScreenState, { screen: 'renew_confirm' }>, plan: Plan | undefined, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const name = plan ? planText(plan, locale).name : s.planCode;
  const facts = t.confirm(formatUssdAmount(s.price as Qepik), formatUssdDate(s.validUntilAfter as IsoDate, locale));
  const head = notice === undefined ? [`${name}, ${t.months(s.months)}`] : [notice];
  return con(firstFitting([
    composeScreen([...head, ...facts, t.payFromBalance, t.back], locale),
    composeScreen([notice ?? t.months(s.months), ...facts, t.payFromBalance, t.back], locale),
  ]));
}

function renderPlanDetail(ctx: UssdContext, plan: Plan, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const { name, description } = planText(plan, locale);
  const price = t.perMonth(formatUssdAmount(plan.monthlyPrice));
  const options = [t.renewThisPlan, t.back];
  return con(firstFitting(notice === undefined
    // A description may take a whole UCS-2 screen: then the options give way before it does.
    ? [[`${name} ${price}`, description, ...options], [description, price, ...options], [description, ...options], [description, t.renewThisPlan],
      [`${name} ${price}`, ...options]].map((lines) => composeScreen(lines, locale))
    : [composeScreen([notice, `${name} ${price}`, ...options], locale), composeScreen([notice, ...options], locale)]));
}

function renderTopUps(ctx: UssdContext, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  const rows = ctx.topUps.slice(0, MAX_TOP_UPS_SHOWN).map((r) => `${formatUssdDate(r.day, locale)} ${formatUssdAmount(r.amount)}`);
  const head = notice ?? t.topUpsHeader;
  if (rows.length === 0) return con(composeScreen([head, t.noTopUps, t.back], locale));
  // As many of the newest as the screen holds.
  const candidates = rows.map((_, i) => composeScreen([head, ...rows.slice(0, rows.length - i), t.back], locale));
  return con(firstFitting(candidates));
}

function renderMenu(ctx: UssdLineContext, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  return con(firstFitting([composeScreen([notice ?? '', ...t.menu, t.packsItem, t.back], locale), composeScreen([notice ?? '', ...t.menu, t.back], locale)]));
}

function renderLanguage(ctx: UssdLineContext, notice?: string): UssdScreen {
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  // Each language in its own script: the screen is UCS-2 anyway, so nothing is gained by transliterating.
  const names = languageOrder.map((l, i) => `${i + 1} ${languageNames[l]}`);
  return con([composeScreen([notice ?? t.chooseLanguage], locale), ...names, composeScreen([t.back], locale)].join('\n'));
}

/** The screen for a state; `notice` (an "invalid choice" line) takes the place of its heading. */
export function renderUssd(state: UssdSessionState, ctx: UssdContext, notice?: string): UssdScreen {
  const s = state.current;
  const t = textsFor(ctx);
  const locale = ctx.line.language;
  switch (s.screen) {
    case 'home': return renderHome(ctx, notice);
    case 'renew_plans': return renderListPage(renewListing(ctx), s.page, notice);
    case 'plans': return renderListPage(plansListing(ctx), s.page, notice);
    case 'renew_months': {
      const plan = findPlanIn(ctx, s.planCode);
      return plan ? renderMonths(ctx, plan, notice) : renderHome(ctx, notice);
    }
    case 'renew_confirm': return renderConfirm(ctx, s, findPlanIn(ctx, s.planCode), notice);
    case 'plan_detail': {
      const plan = findPlanIn(ctx, s.planCode);
      return plan ? renderPlanDetail(ctx, plan, notice) : renderHome(ctx, notice);
    }
    case 'top_ups': return renderTopUps(ctx, notice);
    case 'packs': return con(packsScreenText(ctx.packs ?? [], t, locale, notice ?? t.packsHeader));
    case 'language': return renderLanguage(ctx, notice);
    case 'menu': return renderMenu(ctx, notice);
    case 'renewed':
      return end(firstFitting([composeScreen([t.renewed(s.planName, t.months(s.months), formatUssdAmount(s.price as Qepik),
        formatUssdDate(s.validUntil as IsoDate, locale), formatUssdAmount(s.balance as Qepik))], locale)]));
    case 'insufficient':
      return end(firstFitting([composeScreen([t.insufficient(formatUssdAmount(s.price as Qepik), formatUssdAmount(s.balance as Qepik))], locale)]));
    case 'closed': return renderHome(ctx);
  }
}

// ---- transitions -----------------------------------------------------------------------------

function isTerminal(s: UssdScreenState): boolean {
  return s.screen === 'renewed' || s.screen === 'insufficient' || s.screen === 'closed';
}

/** *101# dialled: the first screen, or END for a line with nothing to offer. */
export function openUssd(ctx: UssdLineContext): UssdScreen {
  return renderHome(ctx);
}

/** The state every session starts in (stored before the line is read, in the same statement). */
export const initialUssdState: UssdSessionState = { current: HOME, trail: [] };

function goTo(state: UssdSessionState, next: UssdScreenState, ctx: UssdContext): UssdStep {
  const trail = [...state.trail, state.current].slice(-MAX_TRAIL);
  const moved: UssdSessionState = { current: next, trail };
  return { state: moved, screen: renderUssd(moved, ctx) };
}

function stay(state: UssdSessionState, ctx: UssdContext): UssdStep {
  return { state, screen: renderUssd(state, ctx, textsFor(ctx).invalid) };
}

/** The number typed, when it is one of 1..count; anything else (letters, 0012, 10 kB) is not. */
function chosen(input: string, count: number): number | undefined {
  if (!/^[1-9]\d?$/.test(input)) return undefined;
  const n = Number(input);
  return n <= count ? n : undefined;
}

function chooseFromList(state: UssdSessionState, input: string, ctx: UssdContext, list: PlanListing, page: number,
  onPick: (plan: Plan) => UssdScreenState, nextPage: UssdScreenState): UssdStep {
  const p = list.pages[page];
  const hasMore = page + 1 < list.pages.length;
  if (input === '9' && hasMore) return goTo(state, nextPage, ctx);
  const n = chosen(input, p?.items.length ?? 0);
  const plan = n === undefined ? undefined : p?.items[n - 1];
  return plan ? goTo(state, onPick(plan), ctx) : stay(state, ctx);
}

function chooseMonths(state: UssdSessionState, input: string, ctx: UssdContext, plan: Plan): UssdStep {
  const offers = offersFor(plan, ctx);
  const n = chosen(input, offers.length);
  const offer = n === undefined ? undefined : offers[n - 1];
  if (!offer) return stay(state, ctx);
  if (offer.price > ctx.line.balance) {
    const moved: UssdSessionState = { current: { screen: 'insufficient', price: offer.price, balance: ctx.line.balance }, trail: [] };
    return { state: moved, screen: renderUssd(moved, ctx) };
  }
  return goTo(state, { screen: 'renew_confirm', planCode: plan.code, months: offer.months, price: offer.price, validUntilAfter: offer.validUntilAfter }, ctx);
}

/** One input on the current screen: `00` home, `0` back, else the screen's own options. */
export function answerUssdInput(state: UssdSessionState, input: string, ctx: UssdContext): UssdStep {
  const s = state.current;
  if (isTerminal(s)) return { state, screen: renderUssd(state, ctx) };
  // Nothing to offer a closed line by USSD, whatever is typed.
  const stage = currentStage(ctx);
  if (stage === 'quarantine' || stage === 'recyclable') return { state: { current: { screen: 'closed' }, trail: [] }, screen: renderHome(ctx) };
  if (input === '00') return { state: { current: HOME, trail: [] }, screen: renderUssd({ current: HOME, trail: [] }, ctx) };
  if (input === '0') {
    const back: UssdSessionState = { current: state.trail[state.trail.length - 1] ?? HOME, trail: state.trail.slice(0, -1) };
    return { state: back, screen: renderUssd(back, ctx) };
  }
  switch (s.screen) {
    case 'home':
    case 'menu': {
      // 9 opens the full menu where the first screen had room only for "1 Renew 9 Menu".
      if (s.screen === 'home' && input === '9') return goTo(state, { screen: 'menu' }, ctx);
      const n = chosen(input, 5);
      const next: UssdScreenState | undefined = n === 1 ? { screen: 'renew_plans', page: 0 } : n === 2 ? { screen: 'plans', page: 0 }
        : n === 3 ? { screen: 'top_ups' } : n === 4 ? { screen: 'language' } : n === 5 ? { screen: 'packs' } : undefined;
      return next ? goTo(state, next, ctx) : stay(state, ctx);
    }
    case 'renew_plans':
      return chooseFromList(state, input, ctx, renewListing(ctx), s.page, (plan) => ({ screen: 'renew_months', planCode: plan.code }), { screen: 'renew_plans', page: s.page + 1 });
    case 'plans':
      return chooseFromList(state, input, ctx, plansListing(ctx), s.page, (plan) => ({ screen: 'plan_detail', planCode: plan.code }), { screen: 'plans', page: s.page + 1 });
    case 'renew_months': {
      const plan = findPlanIn(ctx, s.planCode);
      return plan ? chooseMonths(state, input, ctx, plan) : stay({ current: HOME, trail: [] }, ctx);
    }
    case 'plan_detail':
      return input === '1' && findPlanIn(ctx, s.planCode) ? goTo(state, { screen: 'renew_months', planCode: s.planCode }, ctx) : stay(state, ctx);
    case 'renew_confirm': {
      const plan = findPlanIn(ctx, s.planCode);
      if (input !== '1' || !plan) return stay(state, ctx);
      const effect: UssdEffect = {
        kind: 'renew', planCode: s.planCode, planName: planText(plan, ctx.line.language).name, months: s.months,
        price: s.price as Qepik, validUntilAfter: s.validUntilAfter as IsoDate,
      };
      return { state, screen: renderUssd(state, ctx), effect };
    }
    case 'language': {
      const n = chosen(input, languageOrder.length);
      const language = n === undefined ? undefined : languageOrder[n - 1];
      return language ? { state, screen: renderUssd(state, ctx), effect: { kind: 'set_language', language } } : stay(state, ctx);
    }
    case 'top_ups':
    case 'packs':
      return stay(state, ctx);
    case 'renewed':
    case 'insufficient':
    case 'closed':
      return { state, screen: renderUssd(state, ctx) };
  }
}

/** After the renewal went through: the END screen with what was paid and the new end. */
export function renewalDone(effect: Extract<UssdEffect, { kind: 'renew' }>, after: { readonly validUntil: IsoDate; readonly balance: Qepik }, ctx: UssdContext): UssdStep {
  const state: UssdSessionState = {
    current: { screen: 'renewed', planName: effect.planName, months: effect.months, price: effect.price, validUntil: after.validUntil, balance: after.balance },
    trail: [],
  };
  return { state, screen: renderUssd(state, ctx) };
}

/** An action typed ahead of the screen that asks for it (several inputs in one request) is not taken. */
export function refuseUnseenAction(state: UssdSessionState, ctx: UssdContext): UssdStep {
  return stay(state, ctx);
}

/** After the language changed: the first screen again, now in that language. */
export function languageSet(ctx: UssdContext): UssdStep {
  const state: UssdSessionState = { current: HOME, trail: [] };
  return { state, screen: renderUssd(state, ctx) };
}
