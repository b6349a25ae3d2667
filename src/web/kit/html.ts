// HTML built from tagged templates that escape every interpolated value unless it is already
// SafeHtml: forgetting to escape becomes impossible rather than a review item.

declare const safeBrand: unique symbol;
export interface SafeHtml {
  readonly [safeBrand]: true;
  readonly text: string;
}

const replacements: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => replacements[c] ?? c);
}

// Only objects made here count as safe, so no look-alike object from data can slip through.
const made = new WeakSet<object>();

function safe(text: string): SafeHtml {
  const value = { text } as SafeHtml;
  made.add(value);
  return value;
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && made.has(value);
}

/** Interpolated values may be: text (escaped), numbers, SafeHtml, lists of those, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  return isSafeHtml(value) ? value.text : '';
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return safe(out);
}

/** For markup that is ours and fixed (never data): the only way to bypass escaping. */
export function trustedHtml(text: string): SafeHtml {
  return safe(text);
}
