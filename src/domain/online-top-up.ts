// An online top-up (card, PayPal, sandbox): any amount within the policy's limits, buying days by
// the band table in force. The line's new validity end is topUp()'s business (line.ts).
import { DomainError } from './errors.ts';
import { formatQepikAsDecimal, type Qepik } from './money.ts';
import { daysForTopUp, type ValidityPolicy } from './policy.ts';

export interface OnlineTopUp {
  readonly amount: Qepik;
  /** Days the amount buys by today's band table. */
  readonly validityDays: number;
}

/** Checks an amount against the policy's online limits and says what it buys. */
export function quoteOnlineTopUp(amount: Qepik, policy: ValidityPolicy): OnlineTopUp {
  const { minAmount, maxAmount } = policy.onlineTopUp;
  if (!Number.isSafeInteger(amount) || amount < minAmount) {
    throw new DomainError('AMOUNT_BELOW_MINIMUM_TOP_UP', `an online top-up is at least ${formatQepikAsDecimal(minAmount)} AZN`,
      [{ path: '/topUpAmount', message: `at least ${String(minAmount)} qəpik` }]);
  }
  if (amount > maxAmount) {
    throw new DomainError('AMOUNT_ABOVE_MAXIMUM_TOP_UP', `an online top-up is at most ${formatQepikAsDecimal(maxAmount)} AZN`,
      [{ path: '/topUpAmount', message: `at most ${String(maxAmount)} qəpik` }]);
  }
  return { amount, validityDays: daysForTopUp(policy, amount) };
}

/** The band table as the customer chooses from it: each band's smallest amount within the limits. */
export function onlineTopUpChoices(policy: ValidityPolicy): readonly OnlineTopUp[] {
  const { minAmount, maxAmount } = policy.onlineTopUp;
  return policy.topUpBands
    .filter((band) => band.minAmount >= minAmount && band.minAmount <= maxAmount)
    .map((band) => ({ amount: band.minAmount, validityDays: band.days }));
}
