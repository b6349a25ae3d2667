// The composition root's one product: every use case the channels, pages and jobs call, bound
// once to the database, policy, clock and secrets. Callers hold this object and never `db`.
import type { Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { NationalLanguage } from '../domain/gsm-alphabets.ts';
import type { QuietHours } from '../domain/sms-quiet-hours.ts';
import type { Database } from '../db/database.ts';
import type { CounterPayments } from '../payments/counter-payment.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from '../payments/payment-setup.ts';
import { confirmLineSim, requestLineSim } from './add-line-sim-online.ts';
import { answerUssd } from './answer-ussd.ts';
import { authenticateCustomer } from './authenticate-customer.ts';
import { cancelAutoRenew, getAutoRenew, setAutoRenew, type AutoRenewBody } from './auto-renew-settings.ts';
import { bookAppointment, cancelAppointment, listMyAppointments, rescheduleAppointment } from './book-appointment.ts';
import { checkDatabase } from './check-database.ts';
import { checkMessage, type CheckMessageRequest } from './check-message.ts';
import { consentGroupMember } from './consent-group-member.ts';
import { createGroup } from './create-group.ts';
import { createOrder, type CreateOrderRequest } from './create-order.ts';
import { createQuote } from './create-quote.ts';
import { getCustomerSettings, updateCustomerSettings } from './customer-settings.ts';
import { endGroupMembership } from './end-group-membership.ts';
import { estimateSmsCost } from './estimate-sms-cost.ts';
import { getLineSmsOptions, setLineSmsOptions } from './line-sms-options.ts';
import { findStoresNear, listSlots } from './find-stores.ts';
import { getCustomerLine } from './get-customer-line.ts';
import { getGroup, listGroups } from './get-group.ts';
import { getLine } from './get-line.ts';
import { getOrder } from './get-order.ts';
import { getStatement } from './get-statement.ts';
import { handlePaymentWebhook } from './handle-payment-webhook.ts';
import { bindLifecycleUpkeep, bindPaymentUpkeep } from './job-use-cases.ts';
import { inviteGroupMember } from './invite-group-member.ts';
import { verifyReceipt } from './issue-receipt.ts';
import { listLineSims } from './line-sims.ts';
import { listCustomerLines } from './list-customer-lines.ts';
import { listPlansOnSale } from './list-plans.ts';
import { listAnnouncements, listPromotionOffers } from './list-promotions.ts';
import { logIn } from './log-in.ts';
import { logOut } from './log-out.ts';
import { completeSavingPaymentMethod, listPaymentMethods, removePaymentMethod, savingProviders, startSavingPaymentMethod } from './payment-methods.ts';
import type { Logger } from './logger.ts';
import type { PasswordHashingOptions } from './password-hashing.ts';
import { planKeepLineUntil } from './plan-keep-until.ts';
import { provisionLines } from './provision-lines.ts';
import { readOperationsGauges } from './read-operations-gauges.ts';
import { rateUsage } from './rate-usage.ts';
import { getLineUsage } from './get-line-usage.ts';
import { disputeSpendingAlert, getLineSpending, setLineBudget } from './line-spending.ts';
import { watchSpending } from './watch-spending.ts';
import { maintainPartitions } from './maintain-partitions.ts';
import { recordDeliveryReceipts, type ReceiptInput } from './record-delivery-receipt.ts';
import { countReceiptCheck } from './receipt-check-limit.ts';
import { checkReassigned, type ReassignedQuery } from './check-reassigned.ts';
import { refundOrder, type RefundRequest } from './refund-order.ts';
import { removeLineSim } from './remove-line-sim.ts';
import { registerCustomer } from './register-customer.ts';
import { quoteGroupRenewal } from './renew-group.ts';
import { requestLineLink } from './request-line-link.ts';
import { removeLineLink } from './remove-line-link.ts';
import { requestBalanceTransfer } from './request-balance-transfer.ts';
import { confirmBalanceTransfer } from './confirm-balance-transfer.ts';
import { getBalanceTransfer, getTransferAllowance } from './get-balance-transfer.ts';
import { runAutoRenewals } from './run-auto-renewals.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { resetPassword } from './reset-password.ts';
import { smsOutboxSteps } from './send-outbox.ts';
import { trySmsSenderLock } from './sms-sender-lock.ts';
import { changeLineLanguage } from './set-line-language.ts';
import { bindStaffUseCases } from './staff-use-cases.ts';
import { getSupportCase, listSupportCases, openSupportCase, replyToSupportCase } from './support-cases.ts';
import { topUpLine } from './top-up-line.ts';
import { verifyLineLink } from './verify-line-link.ts';
import { verifyRegistration } from './verify-registration.ts';

/** What the use cases are built from: handed in once by main.ts (or a test's setup). */
export interface UseCaseDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  /** SAXLA_SECRET: keys the HMACs of one-time codes, sessions, check codes and callers' addresses. */
  readonly secret: string;
  /** Where services report what they caught; a request's child logger may be passed per call where it helps. */
  readonly logger: Logger;
  /** Lighter argon2id parameters for tests only; production parameters when absent. */
  readonly passwordHashing?: PasswordHashingOptions;
  /** Online selling (quotes, orders, webhooks, refunds); absent in apps that do not sell. */
  readonly payments?: PaymentSetup;
  /** The counter's adapters as chosen for this mode (chooseCounterPayments). */
  readonly counterPayments?: CounterPayments;
  /** SAXLA_BASE_URL: where the counter's QR codes and receipts point. */
  readonly baseUrl?: string;
  /** SMS_QUIET_HOURS (parseQuietHours); unset: the default window, 22:00-09:00 Baku. */
  readonly smsQuietHours?: QuietHours;
  /** SMS_NATIONAL_LANGUAGE_TABLES, for what an SMS costs; unset: none. */
  readonly smsNationalLanguageTables?: readonly NationalLanguage[];
}

/** Where a test or tool that names no base URL is served (the default HOST and PORT). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The service with its first parameter (its deps) filled in. */
function bindTo<D>(deps: D) {
  return <A extends unknown[], R>(service: (deps: D, ...args: A) => R) => (...args: A): R => service(deps, ...args);
}

function requirePayments(deps: UseCaseDeps): PaymentSetup {
  // Selling routes are mounted only with payments, so reaching this is a wiring mistake.
  if (!deps.payments) throw new Error('this Saxla was built without payment providers: nothing can be sold');
  return deps.payments;
}

export function createUseCases(deps: UseCaseDeps) {
  const use = bindTo(deps);
  const { db, now, policy } = deps;
  const onlineProviders = deps.payments?.providers ?? {};
  const counter = deps.counterPayments ?? {};
  return {
    // The staff console
    ...bindStaffUseCases({
      db, now, policy, secret: deps.secret, logger: deps.logger, counter,
      baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL, paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS,
      ...(deps.passwordHashing ? { passwordHashing: deps.passwordHashing } : {}),
    }),

    // Periodic work (src/jobs) and the SMSC's delivery receipts
    /** Reconciliation and expiry ask the provider that took the order: online or at the counter. */
    paymentUpkeep: bindPaymentUpkeep({ db, now, policy, providers: { ...onlineProviders, ...counter }, logger: deps.logger }),
    lifecycleUpkeep: bindLifecycleUpkeep({ db, now, policy }),
    smsOutbox: smsOutboxSteps({ db, ...(deps.smsQuietHours ? { quietHours: deps.smsQuietHours } : {}) }),
    autoRenewUpkeep: {
      now,
      runAutoRenewals: () => runAutoRenewals({ db, now, policy, providers: onlineProviders, logger: deps.logger, ...(deps.payments?.fx ? { fx: deps.payments.fx } : {}) }),
    },
    spendingUpkeep: { watchSpending: () => watchSpending({ db, now }) },
    partitionUpkeep: { maintainPartitions: () => maintainPartitions({ db, now }) },
    recordDeliveryReceipts: (receipts: readonly ReceiptInput[]) => recordDeliveryReceipts({ db }, receipts, now()),

    // Operations
    checkDatabase: use(checkDatabase),
    readOperationsGauges: use(readOperationsGauges),
    trySmsSenderLock: use(trySmsSenderLock),

    // Customer accounts and sessions
    authenticateCustomer: use(authenticateCustomer),
    registerCustomer: use(registerCustomer),
    verifyRegistration: use(verifyRegistration),
    logIn: use(logIn),
    logOut: use(logOut),
    requestPasswordReset: use(requestPasswordReset),
    resetPassword: use(resetPassword),
    getCustomerSettings: use(getCustomerSettings),
    updateCustomerSettings: use(updateCustomerSettings),
    getLineSmsOptions: use(getLineSmsOptions),
    setLineSmsOptions: use(setLineSmsOptions),
    estimateSmsCost: () => estimateSmsCost({ nationalLanguageTables: deps.smsNationalLanguageTables ?? [] }),

    // Lines
    provisionLines: use(provisionLines),
    getLine: use(getLine),
    topUpLine: use(topUpLine),
    listCustomerLines: use(listCustomerLines),
    getCustomerLine: use(getCustomerLine),
    planKeepLineUntil: use(planKeepLineUntil),
    requestLineLink: use(requestLineLink),
    verifyLineLink: use(verifyLineLink),
    removeLineLink: use(removeLineLink),
    requestBalanceTransfer: use(requestBalanceTransfer),
    confirmBalanceTransfer: use(confirmBalanceTransfer),
    getBalanceTransfer: use(getBalanceTransfer),
    getTransferAllowance: use(getTransferAllowance),
    changeLineLanguage: use(changeLineLanguage),
    getStatement: use(getStatement),
    // Usage and packs (issue 12)
    rateUsage: use(rateUsage),
    getLineUsage: use(getLineUsage),
    // Spending, budget and anomaly alerts (issue 12)
    getLineSpending: use(getLineSpending),
    setLineBudget: use(setLineBudget),
    disputeSpendingAlert: use(disputeSpendingAlert),
    answerUssd: use(answerUssd),
    checkMessage: (request: CheckMessageRequest) => checkMessage(deps, request, now()),

    // Auto-renew and auto top-up, and the payment methods saved for them
    getAutoRenew: (customerId: string, msisdn: string) => getAutoRenew({ db, now, policy, providers: onlineProviders }, customerId, msisdn),
    setAutoRenew: (customerId: string, msisdn: string, body: AutoRenewBody) => setAutoRenew({ db, now, policy, providers: onlineProviders }, customerId, msisdn, body),
    cancelAutoRenew: (customerId: string, msisdn: string) => cancelAutoRenew({ db, now, policy, providers: onlineProviders }, customerId, msisdn),
    savingProviders: () => savingProviders({ providers: onlineProviders }),
    startSavingPaymentMethod: (customerId: string, provider: string, returnPath: string) =>
      startSavingPaymentMethod({ db, now, providers: onlineProviders, baseUrl: deps.payments?.baseUrl ?? deps.baseUrl ?? DEFAULT_BASE_URL }, customerId, provider, returnPath),
    completeSavingPaymentMethod: (customerId: string, methodId: string) =>
      completeSavingPaymentMethod({ db, now, providers: onlineProviders, baseUrl: deps.payments?.baseUrl ?? deps.baseUrl ?? DEFAULT_BASE_URL }, customerId, methodId),
    listPaymentMethods: (customerId: string) => listPaymentMethods({ db }, customerId),
    removePaymentMethod: (customerId: string, methodId: string) =>
      removePaymentMethod({ db, now, providers: onlineProviders, baseUrl: deps.payments?.baseUrl ?? deps.baseUrl ?? DEFAULT_BASE_URL }, customerId, methodId),

    // Catalogue, stores and appointments
    listPlansOnSale: use(listPlansOnSale),
    listPromotionOffers: use(listPromotionOffers),
    listAnnouncements: use(listAnnouncements),
    findStoresNear: use(findStoresNear),
    listSlots: use(listSlots),
    bookAppointment: use(bookAppointment),
    cancelAppointment: use(cancelAppointment),
    rescheduleAppointment: use(rescheduleAppointment),
    listMyAppointments: use(listMyAppointments),

    // Support cases (issue 13): the customer's side; the desk is in the staff console's use cases
    openSupportCase: use(openSupportCase),
    listSupportCases: use(listSupportCases),
    getSupportCase: use(getSupportCase),
    replyToSupportCase: use(replyToSupportCase),

    // Family groups (issue 13): the payer's group, its members' consent, renewing all at once
    createGroup: use(createGroup),
    getGroup: use(getGroup),
    listGroups: use(listGroups),
    inviteGroupMember: use(inviteGroupMember),
    consentGroupMember: use(consentGroupMember),
    endGroupMembership: use(endGroupMembership),
    quoteGroupRenewal: bindTo({ db, policy, now, ...(deps.payments?.fx ? { fx: deps.payments.fx } : {}) })(quoteGroupRenewal),
    // Multi-SIM numbers (issue 13): more SIMs on one number, each added with a code to that number
    listLineSims: use(listLineSims),
    requestLineSim: use(requestLineSim),
    confirmLineSim: use(confirmLineSim),
    removeLineSim: use(removeLineSim),

    // Selling online
    createQuote: bindTo({ db, policy, now, ...(deps.payments?.fx ? { fx: deps.payments.fx } : {}) })(createQuote),
    createOrder: (request: CreateOrderRequest) => createOrder({ db, now, ...requirePayments(deps) }, request),
    getOrder: use(getOrder),
    handlePaymentWebhook: (provider: string, rawBody: Buffer, headers: Headers, logger: Logger = deps.logger) =>
      handlePaymentWebhook({ db, now, policy, providers: onlineProviders, logger }, provider, rawBody, headers),
    refundOrder: (request: RefundRequest, logger: Logger = deps.logger) =>
      refundOrder({ db, now, policy, providers: onlineProviders, logger }, request),

    // Receipts from the counter, checked by anyone
    countReceiptCheck: (address: string) => countReceiptCheck(deps, address, now()),
    verifyReceipt: (number: string, locale: string) => verifyReceipt(db, number, locale),

    // The reassigned-number check for banks (issue 13), with an API key
    checkReassigned: (query: ReassignedQuery) => checkReassigned(deps, query, now()),
    /** The QR acquirer's notification; without a QR adapter there is nothing to notify about. */
    handleQrWebhook: (rawBody: Buffer, headers: Headers, logger: Logger = deps.logger) => {
      const qr = counter.qr;
      return handlePaymentWebhook({ db, now, policy, providers: qr ? { qr } : {}, logger }, 'qr', rawBody, headers);
    },
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
