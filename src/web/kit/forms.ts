// The one way both front-ends render forms: a visible label on every field, hints and errors beside
// their field (tied by aria-describedby), announced notices, and hidden values; all through html``,
// so a value typed by someone is always escaped.
import { html, type SafeHtml } from './html.ts';

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly type?: 'text' | 'tel' | 'password' | 'email' | 'search' | 'date';
  readonly value?: string;
  readonly hint?: string;
  /** What is wrong with this field's value, shown beside it (the field is marked invalid too). */
  readonly error?: string;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'tel' | 'text' | 'email';
  /** Required unless said otherwise. */
  readonly required?: boolean;
  readonly pattern?: string;
  readonly minlength?: number;
  readonly maxlength?: number;
  readonly invalid?: boolean;
}

export function field(o: FieldOptions): SafeHtml {
  const hintId = `${o.id}-hint`;
  const errorId = `${o.id}-error`;
  const described = [o.hint ? hintId : '', o.error ? errorId : ''].filter(Boolean).join(' ');
  // One space between attributes, in one fixed order, so the markup reads (and is matched) plainly.
  const attributes = [
    html`id="${o.id}"`, html`name="${o.id}"`,
    o.required === false ? undefined : html`required`,
    o.autocomplete ? html`autocomplete="${o.autocomplete}"` : undefined,
    html`value="${o.value ?? ''}"`, html`type="${o.type ?? 'text'}"`,
    o.inputmode ? html`inputmode="${o.inputmode}"` : undefined,
    o.pattern ? html`pattern="${o.pattern}"` : undefined,
    o.minlength ? html`minlength="${o.minlength}"` : undefined,
    o.maxlength ? html`maxlength="${o.maxlength}"` : undefined,
    described ? html`aria-describedby="${described}"` : undefined,
    o.invalid || o.error ? html`aria-invalid="true"` : undefined,
  ].filter((attribute) => attribute !== undefined).map((attribute, i) => (i === 0 ? attribute : html` ${attribute}`));
  return html`<div class="field">
  <label for="${o.id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="field-error" id="${errorId}" role="alert">${o.error}</p>` : ''}
  <input ${attributes}>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly lang?: string;
}

export function select(id: string, label: string, choices: readonly Choice[], selected?: string): SafeHtml {
  const options = choices.map((c) => html`<option value="${c.value}"${c.lang ? html` lang="${c.lang}"` : ''}${c.value === selected ? html` selected` : ''}>${c.label}</option>`);
  return html`<div class="field"><label for="${id}">${label}</label>
  <select id="${id}" name="${id}">${options}</select></div>`;
}

export function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

export function submitButton(label: string): SafeHtml {
  return html`<button type="submit">${label}</button>`;
}

/** A form that is one button (an action on a row: "arrived", "deactivate"). */
export function buttonForm(action: string, label: string, fields: SafeHtml = html``): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${fields}${submitButton(label)}</form>`;
}

/** An announced error or notice at the top of a form or page. */
export function alert(text: string | undefined, kind: 'error' | 'ok' = 'error'): SafeHtml {
  if (!text) return html``;
  return kind === 'error'
    ? html`<p class="alert error" role="alert">${text}</p>`
    : html`<p class="alert ok" role="status">${text}</p>`;
}

/** The body of an error page: what went wrong, announced, and where to go from here. */
export function errorPageBody(message: string, next?: { readonly href: string; readonly label: string }): SafeHtml {
  return html`${alert(message)}${next ? html`<p><a href="${next.href}">${next.label}</a></p>` : ''}`;
}
