// The promotions back office in the staff console (marketing staff and admins): every promotion
// with its state, a form to draft one, publish, pause, resume and end it; announcements for the
// portal beside them. The use cases refuse other roles (FORBIDDEN, a 403 page).
import type { FastifyInstance } from 'fastify';
import { operatorDay, parseInstant, type IsoDate } from '../../domain/calendar.ts';
import { formFromDraft, type PromotionForm } from '../../domain/promotion-drafts.ts';
import { lastDayOf, missingLanguages } from '../../domain/promotion-offers.ts';
import type { Locale } from '../../domain/money.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import type { PromotionSummary } from '../../services/manage-promotions.ts';
import { buttonForm } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { languageNames } from '../kit/language-choice.ts';
import { announcementsSection } from './staff-announcement-section.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { formAction, page, sendPage, staffText, type StaffText } from './staff-layout.ts';
import {
  discountText, emptyPromotionForm, marketingTranslator, promotionFormFromBody, promotionFormHtml, type MarketingTranslate, type PostedForm,
} from './staff-promotion-form.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Params = { Params: { code: string } };

function nameOf(p: PromotionSummary, locale: Locale): string {
  const names = (p.document.names ?? {}) as Partial<Record<Locale, string>>;
  return names[locale] ?? names.en ?? Object.values(names)[0] ?? '—';
}

/** First and last day in Baku, as YYYY-MM-DD: the console's dates are the form's. */
function daysOf(p: PromotionSummary): string {
  const { validFrom, validUntil } = p.document;
  if (typeof validFrom !== 'string' || typeof validUntil !== 'string') return '—';
  return `${operatorDay(parseInstant(validFrom))} – ${lastDayOf(parseInstant(validUntil))}`;
}

function discountOf(p: PromotionSummary, locale: Locale): string {
  const tiers = p.document.tiers;
  if (Array.isArray(tiers) || typeof p.document.basisPoints === 'number') return '—';
  return discountText(p.document, locale);
}

export async function staffPromotionRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');
  const today = (): IsoDate => operatorDay(deps.now());

  const listPage = async (text: StaffText, actor: StaffActor, error?: string): Promise<string> => {
    const m = marketingTranslator(text.locale);
    const promotions = await deps.useCases.listPromotionsForStaff(actor);
    const heads = (['code', 'name', 'kind', 'discount', 'days', 'state', 'action'] as const).map((k) => html`<th>${m(k)}</th>`);
    const rows = promotions.map((p) => html`<tr><td><code>${p.code}</code></td><td>${nameOf(p, text.locale)}</td><td>${m(`kind.${String(p.document.kind)}` as 'kind.code')}</td>
<td>${discountOf(p, text.locale)}</td><td>${daysOf(p)}</td><td>${m(`state.${p.shownState}`)}</td><td><a href="/staff/promotions/${encodeURIComponent(p.code)}">${m('open')}</a></td></tr>`);
    const announcements = await announcementsSection(deps, actor, text.locale, today());
    return page(text, m('title'), html`<p><a href="/staff/promotions/new">${m('new')}</a></p>
<table><thead><tr>${heads}</tr></thead><tbody>${rows.length > 0 ? rows : html`<tr><td colspan="7">${m('none')}</td></tr>`}</tbody></table>
${announcements}`, { signedIn: true, ...(error ? { error } : {}) });
  };

  const formPage = async (text: StaffText, actor: StaffActor, form: PromotionForm, error?: string): Promise<string> => {
    const m = marketingTranslator(text.locale);
    const plans = await deps.useCases.listPromotionPlans(actor, text.locale);
    return page(text, m('newTitle'), promotionFormHtml(m, '/staff/promotions', form, plans, true), { signedIn: true, ...(error ? { error } : {}) });
  };

  const promotionPage = async (text: StaffText, actor: StaffActor, code: string, options: { form?: PromotionForm; error?: string; notice?: string } = {}): Promise<string> => {
    const m = marketingTranslator(text.locale);
    const p = await deps.useCases.readPromotionForStaff(actor, code);
    const path = `/staff/promotions/${encodeURIComponent(p.code)}`;
    const standing = p.document.kind === 'multi_month' || p.document.kind === 'bundle';
    const editable = !standing && (p.state === 'draft' || p.state === 'paused');
    const plans = editable ? await deps.useCases.listPromotionPlans(actor, text.locale) : [];
    return page(text, m('editTitle', { code: p.code }), html`<p>${m('state')}: <strong>${m(`state.${p.shownState}`)}</strong> · ${discountOf(p, text.locale)} · ${daysOf(p)}</p>
${missingNote(m, p)}
<p>${actions(m, path, p)}</p>
${standing ? html`<p>${m('imported')}</p>` : p.state === 'published' ? html`<p>${m('lockedPublished')}</p>` : p.state === 'ended' ? html`<p>${m('lockedEnded')}</p>` : ''}
${editable ? promotionFormHtml(m, path, options.form ?? formFromDraft(p), plans, false) : ''}`,
    { signedIn: true, ...(options.error ? { error: options.error } : {}), ...(options.notice ? { notice: options.notice } : {}) });
  };

  app.get('/staff/promotions', { preHandler: full }, async (request, reply) => sendPage(reply, await listPage(staffText(request), actorOf(request))));

  app.get('/staff/promotions/new', { preHandler: full }, async (request, reply) =>
    sendPage(reply, await formPage(staffText(request), actorOf(request), emptyPromotionForm(today()))));

  app.post<{ Body: PostedForm }>('/staff/promotions', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const form = promotionFormFromBody(request.body);
    return formAction(reply, async () => {
      const code = await deps.useCases.createPromotion(actor, form);
      return `/staff/promotions/${encodeURIComponent(code)}`;
    }, async (message) => formPage(staffText(request), actor, form, message));
  });

  app.get<Params>('/staff/promotions/:code', { preHandler: full }, async (request, reply) =>
    sendPage(reply, await promotionPage(staffText(request), actorOf(request), request.params.code)));

  app.post<Params & { Body: PostedForm }>('/staff/promotions/:code', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const form = promotionFormFromBody(request.body);
    return formAction(reply, async () => {
      await deps.useCases.editPromotion(actor, request.params.code, form);
      return `/staff/promotions/${encodeURIComponent(request.params.code)}`;
    }, async (message) => promotionPage(staffText(request), actor, request.params.code, { form, error: message }));
  });

  for (const action of ['publish', 'pause', 'end'] as const) {
    app.post<Params>(`/staff/promotions/:code/${action}`, { preHandler: full }, async (request, reply) => {
      const actor = actorOf(request);
      return formAction(reply, async () => {
        await deps.useCases.changePromotionState(actor, request.params.code, action);
        return `/staff/promotions/${encodeURIComponent(request.params.code)}`;
      }, async (message) => promotionPage(staffText(request), actor, request.params.code, { error: message }));
    });
  }

  app.post<{ Body: PostedForm }>('/staff/announcements', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body;
    const text = (name: string): string => (typeof body[name] === 'string' ? body[name] : '');
    return formAction(reply, async () => {
      await deps.useCases.createAnnouncement(actor, {
        texts: Object.fromEntries((Object.keys(languageNames) as Locale[]).map((l) => [l, text(`text_${l}`)])), startsOn: text('startsOn'), endsOn: text('endsOn'),
      });
      return '/staff/promotions#announcements';
    }, async (message) => listPage(staffText(request), actor, message));
  });

  app.post<{ Params: { id: string } }>('/staff/announcements/:id/end', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    return formAction(reply, async () => {
      await deps.useCases.endAnnouncementEarly(actor, request.params.id);
      return '/staff/promotions#announcements';
    }, async (message) => listPage(staffText(request), actor, message));
  });
}

/** Which languages still lack a name or a description: what publishing will ask for. */
function missingNote(m: MarketingTranslate, p: PromotionSummary): SafeHtml {
  if (p.state !== 'draft' && p.state !== 'paused') return html``;
  const names = missingLanguages(p.document.names as Partial<Record<Locale, string>> | undefined).map((l) => `${m('name')} (${languageNames[l]})`);
  const standing = p.document.kind === 'multi_month' || p.document.kind === 'bundle';
  const descriptions = standing ? [] : missingLanguages(p.descriptions).map((l) => m('form.description', { language: languageNames[l] }));
  const missing = [...names, ...descriptions];
  return missing.length === 0 ? html`` : html`<p class="error">${m('missing', { missing: missing.join(', ') })}</p>`;
}

function actions(m: MarketingTranslate, path: string, p: PromotionSummary): SafeHtml {
  const buttons: SafeHtml[] = [];
  if (p.state === 'draft') buttons.push(buttonForm(`${path}/publish`, m('publish')));
  if (p.state === 'paused') buttons.push(buttonForm(`${path}/publish`, m('resume')));
  if (p.state === 'published') buttons.push(buttonForm(`${path}/pause`, m('pause')));
  if (p.state !== 'ended') buttons.push(buttonForm(`${path}/end`, m('end')));
  return html`${buttons}`;
}
