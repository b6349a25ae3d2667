// How the simulated customers behave: a seeded PRNG, one persona per line, and the day each line
// acts next. Pure: the same seed gives the same year, so a failing check can be replayed.
import type { Locale } from '../../src/domain/money.ts';

/** mulberry32: tiny, fast and good enough to spread behaviour; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function randomInt(random: Random, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * early: renews from balance up to 10 days before the end · late: in one-way · very_late: while
 * suspended · top_up: a cash top-up around the end (its band buys the days) · never: lets the
 * number go · lapses: renews a few times, then stops · roamer: renews early and spends weeks
 * abroad with roaming usage · auto: auto-renew from the balance · dormant: handed over by the
 * operator already past its end (one-way to quarantine), never renewed: the numbers the year recycles.
 */
export const personas = ['early', 'late', 'very_late', 'top_up', 'never', 'lapses', 'roamer', 'auto', 'dormant'] as const;
export type Persona = (typeof personas)[number];

/**
 * Shares out of 1000 — a market where most keep their number and a few let it go. Auto-renew is
 * rare here because its job opens one transaction per standing order on every pass (see README).
 */
const personaShares: Readonly<Record<Persona, number>> = {
  early: 290, late: 150, very_late: 50, top_up: 200, never: 60, lapses: 80, roamer: 139, auto: 1, dormant: 30,
};

const languageShares: readonly (readonly [Locale, number])[] = [['az', 55], ['ru', 20], ['en', 12], ['tr', 8], ['zh', 5]];

export function drawPersona(random: Random): Persona {
  let n = random() * 1000;
  for (const persona of personas) {
    n -= personaShares[persona];
    if (n < 0) return persona;
  }
  return 'early';
}

export function drawLanguage(random: Random): Locale {
  let n = random() * 100;
  for (const [language, share] of languageShares) {
    n -= share;
    if (n < 0) return language;
  }
  return 'az';
}

/** What a customer does on their action day. */
export type Action =
  | { readonly kind: 'renew'; readonly planCode: string; readonly months: number }
  | { readonly kind: 'top_up'; readonly amount: number };

export interface Intent {
  /** Day offset from the validity end (negative: before it; 1: the first day of one-way). */
  readonly offset: number;
  readonly action: Action;
}

/** Plans the simulator buys: the keep-the-number plan mostly, sometimes a data plan. */
export const simulatedPlans = ['SAXLA_NOMRE', 'INTERNET_5GB'] as const;

function renewal(random: Random): Action {
  const planCode = random() < 0.85 ? 'SAXLA_NOMRE' : 'INTERNET_5GB';
  return { kind: 'renew', planCode, months: pick(random, [1, 1, 3, 3, 6, 12]) };
}

/**
 * When and how a line acts for the validity end it has now; undefined: it does nothing (and the
 * sweep takes it through the stages). `renewals` counts what it did before, for `lapses`.
 */
export function nextIntent(persona: Persona, renewals: number, lapseAfter: number, random: Random): Intent | undefined {
  switch (persona) {
    case 'early':
    case 'roamer':
      return { offset: -randomInt(random, 0, 10), action: renewal(random) };
    case 'late':
      // One-way lasts 30 days (demo policy): days 1..30 after the end.
      return { offset: randomInt(random, 1, 28), action: renewal(random) };
    case 'very_late':
      // Suspended is days 31..90 after the end; quarantine starts on day 91 and only a store lifts it.
      return { offset: randomInt(random, 32, 85), action: renewal(random) };
    case 'top_up':
      // 5 AZN buys 30 days, 10 AZN 60 days (demo bands): never a top-up too small for three reminders.
      return { offset: randomInt(random, -5, 5), action: { kind: 'top_up', amount: pick(random, [500, 500, 1000]) } };
    case 'lapses':
      return renewals < lapseAfter ? { offset: -randomInt(random, 0, 5), action: renewal(random) } : undefined;
    case 'never':
    case 'dormant':
    case 'auto':
      // auto: the product's job renews it; the customer does nothing.
      return undefined;
  }
}

/** A trip abroad starting within the next ~4 months, lasting 1–5 weeks. */
export function nextTrip(today: number, random: Random): { from: number; to: number } {
  const from = today + randomInt(random, 10, 120);
  return { from, to: from + randomInt(random, 7, 35) };
}

/** One day's roaming use for a line abroad: some data, maybe a call. */
export function roamingDay(random: Random): { dataKb: number; voiceSeconds: number } {
  return { dataKb: randomInt(random, 0, 40) * 100, voiceSeconds: random() < 0.3 ? randomInt(random, 20, 600) : 0 };
}
