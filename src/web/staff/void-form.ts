// The void form, on the report page and on a paid sale's page: the receipt's number (filled in on
// a sale's page) and a reason, both required.
import { field, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import type { StaffText } from './staff-layout.ts';

export function voidForm({ t }: StaffText, number = ''): SafeHtml {
  return html`<form method="post" action="/staff/receipts/void"><h2>${t('void.title')}</h2><p>${t('void.intro')}</p>
${field({ id: 'number', label: t('void.number'), autocomplete: 'off', value: number })}${field({ id: 'reason', label: t('void.reason'), minlength: 3, maxlength: 200, autocomplete: 'off' })}${submitButton(t('void.submit'))}</form>`;
}
