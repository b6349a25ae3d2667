// The short fixed lists Saxla's data is made of, each defined here and only here. Request-schema
// enums, the OpenAPI document, the database's lookup tables (filled from these lists at migrate
// time, see db/vocabulary-tables.ts) and the catalogue's completeness check all derive from them,
// so adding a language or a provider is one line here plus its texts: no schema or SQL edit.
// Reminder milestones are not here: they are operator policy (see policy.ts, `reminderDays`).

/** The languages a customer can meet: portal, SMS, USSD, statements, receipts, plan names. */
export const customerLanguages = ['az', 'en', 'ru', 'zh', 'tr'] as const;
export type CustomerLanguage = (typeof customerLanguages)[number];

/**
 * The script each language is written in. It decides what happens where a screen or a font is
 * short of letters: Latin text is transliterated (USSD to GSM 7-bit, PDFs to Latin-1), Cyrillic
 * keeps its letters or falls back to English labels, Chinese needs a CJK font.
 */
export type Script = 'latin' | 'cyrillic' | 'han';
export const languageScripts: Readonly<Record<CustomerLanguage, Script>> = { az: 'latin', en: 'latin', ru: 'cyrillic', zh: 'han', tr: 'latin' };

/** The online (hosted-page) providers `PAYMENT_PROVIDERS` may enable and a customer may choose. */
export const onlinePaymentProviders = ['sandbox', 'stripe', 'paypal'] as const;
export type OnlinePaymentProviderName = (typeof onlinePaymentProviders)[number];

/** How a store counter takes money: the card terminal or the bank's QR code. */
export const counterPaymentMethods = ['pos', 'qr'] as const;
export type CounterPaymentMethod = (typeof counterPaymentMethods)[number];

/** Every payment provider an order can name: online, then counter. */
export const paymentProviders = [...onlinePaymentProviders, ...counterPaymentMethods] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];

/**
 * What a staff account may do: a store's roles least to most (`support` answers customers' cases,
 * no counter work), then the head office's own (`marketing`: promotions and announcements).
 */
export const staffRoles = ['agent', 'support', 'manager', 'admin', 'marketing'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Why a customer books a store visit. */
export const appointmentPurposes = ['renewal', 'restore', 'new_line', 'other'] as const;
export type AppointmentPurpose = (typeof appointmentPurposes)[number];

/** The kinds of plan the catalogue may hold. */
export const planKinds = [
  'keep_number', 'data', 'voice', 'international', 'roaming', 'foreign_user', 'family', 'multi_sim',
] as const;
export type PlanKind = (typeof planKinds)[number];

/** What the operator's mediation reports a line used (POST /api/v1/admin/usage). */
export const usageKinds = ['voice', 'sms', 'data', 'roaming_voice', 'roaming_data', 'international'] as const;
export type UsageKind = (typeof usageKinds)[number];

/** The unit a usage record counts in; each kind has exactly one (usage-rating.ts). */
export const usageUnits = ['second', 'message', 'kilobyte'] as const;
export type UsageUnit = (typeof usageUnits)[number];

/** True when `value` is one of `list`: the one membership test for every vocabulary. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
