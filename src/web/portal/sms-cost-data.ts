// Reads what the Settings page's SMS section shows through the JSON API: the cost table and each
// of the account's numbers with its Latin-letters choice.
import type { ApiClient, ApiResult } from './api-client.ts';
import type { LineSmsOptionsJson, SmsCostJson, SmsCostView } from './pages/sms-cost-section.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** The view, or the first answer that was not a success (the page decides what to do with it). */
export async function smsCostView(api: ApiClient): Promise<{ readonly ok: true; readonly view: SmsCostView } | Failure> {
  const [cost, lines] = await Promise.all([api.get<SmsCostJson>('/api/v1/sms-cost'), api.get<{ items: { msisdn: string }[] }>('/api/v1/lines')]);
  if (!lines.ok) return lines;
  if (!cost.ok) return cost;
  const options = await Promise.all(lines.data.items.map((line) =>
    api.get<LineSmsOptionsJson>(`/api/v1/lines/${encodeURIComponent(line.msisdn)}/sms-options`)));
  const found: LineSmsOptionsJson[] = [];
  for (const res of options) {
    if (!res.ok) return res;
    found.push(res.data);
  }
  return { ok: true, view: { cost: cost.data, lines: found } };
}
