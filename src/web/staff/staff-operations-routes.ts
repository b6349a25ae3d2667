// The managers' operations page: today's renewals and top-ups, what failed, the SMS delivery rate,
// and the lines whose last active day falls within the week.
import type { FastifyInstance } from 'fastify';
import { addDays, parseIsoDate } from '../../domain/calendar.ts';
import { formatMoney, qepik } from '../../domain/money.ts';
import { html } from '../kit/html.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { headRow, page, sendPage, staffText } from './staff-layout.ts';
import { actorOf, requireStaff } from './staff-session.ts';
import { durationText } from './staff-support-routes.ts';

export async function staffOperationsRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  app.get('/staff/operations', { preHandler: requireStaff(deps, 'full') }, async (request, reply) => {
    const ops = await deps.useCases.readOperationsDashboard(actorOf(request));
    // The support team's speed over a month: one day's few cases say little.
    const support = await deps.useCases.readSupportFigures(actorOf(request), addDays(parseIsoDate(ops.day), -29), parseIsoDate(ops.day));
    const text = staffText(request);
    const { t } = text;
    const money = (amount: number): string => formatMoney(qepik(amount), text.locale);
    const percent = new Intl.NumberFormat(text.locale, { style: 'percent', maximumFractionDigits: 1 });
    const lastDays = ops.lastDays.map((d) => html`<tr><td>${d.day}</td><td>${d.lines}</td></tr>`);
    return sendPage(reply, page(text, t('ops.title', { day: ops.day }), html`
<h2>${t('ops.money')}</h2>
<ul><li>${t('ops.renewals', { count: ops.renewals, amount: money(ops.renewalsAmount) })}</li>
<li>${t('ops.topUps', { count: ops.topUps, amount: money(ops.topUpsAmount) })}</li></ul>
<h2>${t('ops.failures')}</h2>
<ul><li>${t('ops.failedOrders', { count: ops.failedOrders })}</li>
<li>${t('ops.expiredOrders', { count: ops.expiredOrders })}</li>
<li>${t('ops.failedAutoRenewals', { count: ops.failedAutoRenewals })}</li></ul>
<h2>${t('ops.sms')}</h2>
<p>${ops.deliveryRate === undefined ? t('ops.noDeliveryYet') : t('ops.deliveryRate', { rate: percent.format(ops.deliveryRate), delivered: ops.smsDelivered, notDelivered: ops.smsNotDelivered })}</p>
<p>${t('ops.smsPending', { count: ops.smsPending })}</p>
<h2>${t('ops.oneWay', { count: ops.oneWaySoon })}</h2>
${lastDays.length > 0 ? html`<table><thead>${headRow(t, ['ops.lastDay', 'ops.lines'])}</thead><tbody>${lastDays}</tbody></table>` : html`<p>${t('ops.none')}</p>`}
<h2>${t('ops.support')}</h2>
<ul><li>${t('ops.supportCounts', { opened: support.opened, answered: support.answered, resolved: support.resolved, unresolved: support.unresolved })}</li>
<li>${t('ops.supportFirstAnswer', { time: support.medianFirstAnswerMs === null ? t('ops.supportNoTime') : durationText(text, support.medianFirstAnswerMs) })}</li>
<li>${t('ops.supportResolution', { time: support.medianResolutionMs === null ? t('ops.supportNoTime') : durationText(text, support.medianResolutionMs) })}</li></ul>`, { signedIn: true }));
  });
}
