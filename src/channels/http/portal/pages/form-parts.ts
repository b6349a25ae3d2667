// Form pieces every page uses: a visible label on each field, hints tied by aria-describedby, and
// an error summary that screen readers announce.
import { html, type SafeHtml } from '../html.ts';

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly type?: 'text' | 'tel' | 'password' | 'email' | 'search';
  readonly value?: string;
  readonly hint?: string;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'tel' | 'text' | 'email';
  readonly required?: boolean;
  readonly pattern?: string;
  readonly maxlength?: number;
  readonly invalid?: boolean;
}

export function field(o: FieldOptions): SafeHtml {
  const hintId = `${o.id}-hint`;
  return html`<div class="field">
  <label for="${o.id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}
  <input id="${o.id}" name="${o.id}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"
    ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''} ${o.inputmode ? html`inputmode="${o.inputmode}"` : ''}
    ${o.required === false ? '' : html`required`} ${o.pattern ? html`pattern="${o.pattern}"` : ''}
    ${o.maxlength ? html`maxlength="${o.maxlength}"` : ''} ${o.hint ? html`aria-describedby="${hintId}"` : ''}
    ${o.invalid ? html`aria-invalid="true"` : ''}>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly lang?: string;
}

export function select(id: string, label: string, choices: readonly Choice[], selected: string): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label>
  <select id="${id}" name="${id}">${choices.map((c) => html`<option value="${c.value}" ${c.lang ? html`lang="${c.lang}"` : ''} ${c.value === selected ? html`selected` : ''}>${c.label}</option>`)}</select></div>`;
}

/** An announced error or notice at the top of a form. */
export function alert(text: string | undefined, kind: 'error' | 'ok' = 'error'): SafeHtml {
  if (!text) return html``;
  return kind === 'error'
    ? html`<p class="alert error" role="alert">${text}</p>`
    : html`<p class="alert ok" role="status">${text}</p>`;
}
