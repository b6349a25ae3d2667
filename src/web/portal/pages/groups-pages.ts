// Family groups (issue 13): the list with a form to start one, and a group's page — members with
// their state and validity, the shared data and who used it, invite, consent with a code, take a
// number out (after a question), renew everyone in one order. Plain forms: no JavaScript.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert, field, hidden } from '../../kit/forms.ts';
import type { PlanJson } from '../api-types.ts';
import { day, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';
import { packAmount } from './packs-panel.ts';
import { monthsLabel } from './renew-pages.ts';

/** GET /api/v1/groups/{groupId}. */
export interface GroupJson {
  readonly groupId: string;
  readonly planCode: string;
  readonly planName: string;
  readonly name: string | null;
  readonly role: 'payer' | 'member';
  readonly maxMembers: number;
  readonly members: readonly { readonly msisdn: string; readonly status: 'invited' | 'active' | 'left'; readonly validUntil: string | null }[];
  readonly pool: null | {
    readonly periodStart: string; readonly periodEnd: string; readonly included: number; readonly used: number; readonly left: number;
    readonly byMember: readonly { readonly msisdn: string; readonly used: number }[];
  };
}

export interface GroupForm {
  readonly error?: string;
  readonly notice?: string;
  readonly inviteNumber?: string;
}

/** Each invited number has its own code field (ids are unique on a page). */
export const codeFieldOf = (msisdn: string): string => `code-${msisdn.replace(/\D/g, '')}`;

const memberPath = (groupId: string, msisdn: string): string => `/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(msisdn)}`;

export function groupsListBody(ctx: PageContext, groups: readonly GroupJson[], familyPlans: readonly PlanJson[], error?: string): SafeHtml {
  const { t } = ctx;
  const items = groups.map((g) => html`<li><a href="/groups/${encodeURIComponent(g.groupId)}"><strong>${g.name ?? g.planName}</strong></a>
    <span class="muted">${g.planName} · ${g.role === 'payer' ? t('groups.youPay') : t('groups.youAreMember')}</span></li>`);
  const planChoices = familyPlans.map((p, i) => html`<div class="choice">
    <input type="radio" name="planCode" id="fplan-${i}" value="${p.code}" ${i === 0 ? html`checked` : ''} aria-describedby="fplan-${i}-d">
    <label for="fplan-${i}"><strong>${p.name}</strong></label>
    <p class="hint" id="fplan-${i}-d">${p.description}</p></div>`);
  return html`<h1>${t('groups.title')}</h1>
<p>${t('groups.intro')}</p>
${groups.length > 0 ? html`<ul class="plain">${items}</ul>` : html`<p>${t('groups.none')}</p>`}
<h2>${t('groups.start')}</h2>
${alert(error)}
${familyPlans.length === 0 ? html`<p>${t('groups.noFamilyPlan')}</p>` : html`<form method="post" action="/groups" class="stack">
  <fieldset><legend>${t('groups.plan')}</legend>${planChoices}</fieldset>
  ${field({ id: 'name', label: t('groups.name'), maxlength: 60, autocomplete: 'off', required: false })}
  <button type="submit">${t('groups.start')}</button>
</form>`}`;
}

function poolSection(ctx: PageContext, group: GroupJson): SafeHtml | '' {
  const pool = group.pool;
  if (!pool) return '';
  const { t, locale } = ctx;
  const who = pool.byMember.map((m) => html`<tr><th scope="row">${phone(m.msisdn)}</th><td class="amount">${packAmount(ctx, 'kilobyte', m.used)}</td></tr>`);
  return html`<section class="packs" aria-labelledby="pool-title">
  <h2 id="pool-title">${t('group.pool')}</h2>
  <p class="muted">${t('group.poolPeriod', { start: day(pool.periodStart, locale), end: day(pool.periodEnd, locale) })}</p>
  <p><strong>${t('group.poolLeft', { left: packAmount(ctx, 'kilobyte', pool.left), included: packAmount(ctx, 'kilobyte', pool.included) })}</strong>
  <meter min="0" max="${pool.included}" value="${pool.left}" aria-hidden="true"></meter></p>
  ${who.length > 0 ? html`<table><caption>${t('group.poolWho')}</caption><tbody>${who}</tbody></table>` : html`<p>${t('group.poolNobody')}</p>`}
</section>`;
}

function memberActions(ctx: PageContext, group: GroupJson, member: GroupJson['members'][number], own: boolean): SafeHtml | '' {
  const { t } = ctx;
  if (member.status === 'left') return '';
  const path = memberPath(group.groupId, member.msisdn);
  const consent = member.status === 'invited' && (group.role === 'payer' || own) ? html`<form method="post" action="${path}/consent" class="stack">
    ${field({ id: codeFieldOf(member.msisdn), label: t('group.consent', { msisdn: phone(member.msisdn) }), autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6 })}
    <button type="submit">${t('group.consentSubmit')}</button></form>` : '';
  const label = own ? t('group.leave') : member.status === 'invited' ? t('group.withdraw') : t('group.remove');
  const out = group.role === 'payer' || own ? html`<p class="actions"><a class="button secondary" href="${path}/remove">${label}</a></p>` : '';
  return html`${consent}${out}`;
}

export function groupBody(ctx: PageContext, group: GroupJson, ownNumbers: ReadonlySet<string>, form: GroupForm): SafeHtml {
  const { t, locale } = ctx;
  const current = group.members.filter((m) => m.status !== 'left');
  // Cards, not a table: a number, its state, its validity and its buttons fit a 360-pixel phone.
  const cards = group.members.map((m) => html`<article class="card member">
    <h3>${phone(m.msisdn)}</h3>
    <dl class="facts">
      <div><dt>${t('group.state')}</dt><dd>${t(`group.status.${m.status}`)}</dd></div>
      ${m.validUntil ? html`<div><dt>${t('group.validUntil')}</dt><dd>${day(m.validUntil, locale)}</dd></div>` : ''}
    </dl>
    ${memberActions(ctx, group, m, ownNumbers.has(m.msisdn))}</article>`);
  const payer = group.role === 'payer';
  const active = group.members.filter((m) => m.status === 'active').length;
  const months = [1, 3, 6, 12].map((m) => html`<div class="choice inline">
    <input type="radio" name="months" id="gmonths-${m}" value="${m}" ${m === 1 ? html`checked` : ''}>
    <label for="gmonths-${m}">${monthsLabel(ctx, m)}</label></div>`);
  return html`<h1>${group.name ?? group.planName}</h1>
<p class="muted">${group.planName} · ${payer ? t('groups.youPay') : t('groups.youAreMember')}</p>
${alert(form.error)}
${alert(form.notice, 'ok')}
${poolSection(ctx, group)}
<h2>${t('group.members')}</h2>
<p>${t('group.places', { taken: String(current.length), max: String(group.maxMembers) })}</p>
${group.members.length === 0 ? html`<p>${t('group.noMembers')}</p>` : html`<div class="members">${cards}</div>`}
${payer ? html`<h2>${t('group.invite')}</h2>
<p>${t('group.inviteIntro')}</p>
<form method="post" action="/groups/${encodeURIComponent(group.groupId)}/invite" class="stack">
  ${field({ id: 'msisdn', label: t('group.inviteNumber'), type: 'tel', value: form.inviteNumber ?? '', hint: t('field.phoneHint'), autocomplete: 'off', inputmode: 'tel', maxlength: 32 })}
  <button type="submit">${t('group.inviteSend')}</button>
</form>
<h2>${t('group.renewAll')}</h2>
${active === 0 ? html`<p>${t('group.renewNobody')}</p>` : html`<p>${t('group.renewAllIntro')}</p>
<form method="post" action="/groups/${encodeURIComponent(group.groupId)}/renew" class="stack">
  <fieldset><legend>${t('renew.months')}</legend><div class="row">${months}</div></fieldset>
  <button type="submit">${t('group.renewSubmit')}</button>
</form>`}` : ''}
<p><a href="/groups">${t('groups.title')}</a></p>`;
}

export function removeMemberBody(ctx: PageContext, groupId: string, msisdn: string, own: boolean): SafeHtml {
  const { t } = ctx;
  return html`<h1>${own ? t('group.leave') : t('group.removeTitle', { msisdn: phone(msisdn) })}</h1>
<p>${own ? t('group.leaveIntro') : t('group.removeIntro')}</p>
<form method="post" action="${memberPath(groupId, msisdn)}/remove" class="actions">
  ${hidden('confirm', '1')}
  <button type="submit" class="primary">${own ? t('group.leave') : t('group.removeConfirm')}</button>
  <a class="button secondary" href="/groups/${encodeURIComponent(groupId)}">${t('group.cancel')}</a>
</form>`;
}
