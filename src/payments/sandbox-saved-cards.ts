// The sandbox's saved cards, for auto-renew in the demo and in tests: a setup page where a test
// card is saved (Saxla keeps only the sandbox's token), and off-session charges of that token,
// once per idempotency key. One test card saves but is declined when charged off-session, the way
// a real card is when its bank asks for authentication or the account is empty.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Sql } from '../db/database.ts';
import type { OffSessionCharge, SavedMethods } from './payment-provider.ts';

export const SANDBOX_SAVE_CARD = '4242424242424242';
/** Saves, then every off-session charge of it is declined. */
export const SANDBOX_OFF_SESSION_DECLINE_CARD = '4000000000000341';
/** Refused at once: nothing is saved. */
export const SANDBOX_SAVE_DECLINE_CARD = '4000000000000002';

export interface SandboxSetupPage {
  readonly id: string;
  readonly status: 'open' | 'saved' | 'failed';
  readonly returnUrl: string;
}

export type SandboxSaveResult =
  | { readonly outcome: 'saved' | 'declined' | 'closed'; readonly page: SandboxSetupPage }
  | { readonly outcome: 'unknown_card' };

export interface SandboxSavedCards extends SavedMethods {
  findSetup(id: string): Promise<SandboxSetupPage | undefined>;
  /** The setup page's form POST. */
  saveCard(id: string, cardNumber: string): Promise<SandboxSaveResult>;
}

interface PageRow { id: string; status: SandboxSetupPage['status']; return_url: string }
const toPage = (r: PageRow): SandboxSetupPage => ({ id: r.id, status: r.status, returnUrl: r.return_url });

export function createSandboxSavedCards(options: { readonly db: Sql; readonly baseUrl: () => string; readonly now: () => Instant }): SandboxSavedCards {
  const { db } = options;
  const findSetup = async (id: string): Promise<SandboxSetupPage | undefined> => {
    const [row] = await db.query<PageRow>('select id, status, return_url from sandbox_saved_cards where id = $1', [id]);
    return row ? toPage(row) : undefined;
  };

  return {
    findSetup,

    async start(input) {
      const id = `sbs_${randomBytes(12).toString('hex')}`;
      const at = new Date(options.now());
      await db.query(`insert into sandbox_saved_cards (id, status, return_url, created_at, updated_at) values ($1, 'open', $2, $3, $3)`, [id, input.returnUrl, at]);
      return { setupUrl: `${options.baseUrl()}/pay/sandbox/setup/${id}`, setupReference: id };
    },

    async saveCard(id, cardNumber) {
      const digits = cardNumber.replace(/[\s-]/g, '');
      const known = [SANDBOX_SAVE_CARD, SANDBOX_OFF_SESSION_DECLINE_CARD, SANDBOX_SAVE_DECLINE_CARD];
      if (!known.includes(digits)) return { outcome: 'unknown_card' };
      const status = digits === SANDBOX_SAVE_DECLINE_CARD ? 'failed' : 'saved';
      const [row] = await db.query<PageRow>(
        `update sandbox_saved_cards set status = $2, card_last4 = $3, declines_off_session = $4, updated_at = $5
          where id = $1 and status = 'open' returning id, status, return_url`,
        [id, status, digits.slice(-4), digits === SANDBOX_OFF_SESSION_DECLINE_CARD, new Date(options.now())]);
      if (!row) {
        const page = await findSetup(id);
        if (!page) throw new DomainError('NOT_FOUND', 'no such setup page');
        return { outcome: 'closed', page };
      }
      return { outcome: status === 'saved' ? 'saved' : 'declined', page: toPage(row) };
    },

    async complete(setupReference) {
      const [row] = await db.query<{ status: SandboxSetupPage['status']; card_last4: string | null }>(
        'select status, card_last4 from sandbox_saved_cards where id = $1', [setupReference]);
      if (!row || row.status === 'open') return { status: 'pending' };
      if (row.status === 'failed') return { status: 'failed', reason: 'card declined' };
      return { status: 'saved', token: setupReference, providerCustomer: null, label: `•••• ${row.card_last4 ?? ''}` };
    },

    async forget(token) {
      await db.query(`update sandbox_saved_cards set status = 'failed', updated_at = $2 where id = $1`, [token, new Date(options.now())]);
    },

    async chargeOffSession(input): Promise<OffSessionCharge> {
      const [card] = await db.query<{ declines_off_session: boolean }>(
        `select declines_off_session from sandbox_saved_cards where id = $1 and status = 'saved'`, [input.token]);
      if (!card) return { status: 'declined', reason: 'no such saved card' };
      // The first charge under a key decides; a repeat returns it, as a provider's idempotency does.
      await db.query(
        `insert into sandbox_off_session_charges (idempotency_key, id, card_id, amount, currency, status, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (idempotency_key) do nothing`,
        [input.idempotencyKey, `sbc_${randomBytes(12).toString('hex')}`, input.token, input.charge.amount, input.charge.currency,
          card.declines_off_session ? 'declined' : 'succeeded', new Date(options.now())]);
      const [row] = await db.query<{ id: string; amount: number; currency: string; status: 'succeeded' | 'declined' }>(
        'select id, amount, currency, status from sandbox_off_session_charges where idempotency_key = $1', [input.idempotencyKey]);
      if (!row) throw new Error('sandbox charge was not stored');
      return row.status === 'succeeded'
        ? { status: 'succeeded', paymentId: row.id, charge: { amount: Number(row.amount), currency: row.currency } }
        : { status: 'declined', reason: 'card declined' };
    },
  };
}
