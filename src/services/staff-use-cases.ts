// The staff console's use cases (sign-in, the counter, reports, the team), bound once to the
// counter's dependencies; createUseCases spreads them into the one object the pages receive.
import { createApiKeyInConsole, listApiKeysInConsole, revokeApiKeyInConsole } from './api-keys.ts';
import { attendAppointment, findLineAtCounter, listTodaysAppointments, readAuditLog, shiftReport } from './counter-desk.ts';
import {
  confirmCounterPayment, readCounterSale, sendToTerminal, simulateCustomerPayment, startCounterSale, type CounterDeps,
} from './counter-sale.ts';
import { counterPlanNames, listCounterPlans } from './list-counter-plans.ts';
import { addSimAtCounter, listSimsAtCounter, removeSimAtCounter } from './line-sims-at-counter.ts';
import { counterStoreNames, listTeamStores } from './list-team-stores.ts';
import type { Logger } from './logger.ts';
import { createStaffInConsole, deactivateStaff, listTeam } from './manage-staff.ts';
import { createAnnouncement, endAnnouncementEarly, listAnnouncementsForStaff } from './manage-announcements.ts';
import {
  changePromotionState, createPromotion, editPromotion, listPromotionPlans, listPromotionsForStaff, readPromotionForStaff,
} from './manage-promotions.ts';
import { printCounterReceipt } from './print-counter-receipt.ts';
import { readCounterSaleQuote } from './read-counter-sale-quote.ts';
import { recordIdCheck } from './record-id-check.ts';
import type { StaffActor } from './staff-scope.ts';
import {
  authenticateStaff, changeStaffPassword, confirmEnrolment, enrolmentUri, logInStaff, logOutStaff,
} from './staff-auth.ts';
import { actOnSupportCase, listSupportQueue, readDeskCase, readSupportFigures } from './support-desk.ts';
import { voidReceipt } from './void-receipt.ts';
import { readOperationsDashboard } from './operations-dashboard.ts';

export function bindStaffUseCases(deps: CounterDeps & { readonly logger: Logger }) {
  const use = <A extends unknown[], R>(service: (deps: CounterDeps, ...args: A) => R) => (...args: A): R => service(deps, ...args);
  return {
    // Sign-in and the session
    logInStaff: use(logInStaff),
    authenticateStaff: use(authenticateStaff),
    enrolmentUri: use(enrolmentUri),
    confirmEnrolment: use(confirmEnrolment),
    changeStaffPassword: use(changeStaffPassword),
    logOutStaff: use(logOutStaff),

    // The counter
    findLineAtCounter: use(findLineAtCounter),
    listTodaysAppointments: use(listTodaysAppointments),
    attendAppointment: use(attendAppointment),
    listCounterPlans: use(listCounterPlans),
    counterPlanNames: use(counterPlanNames),
    recordIdCheck: use(recordIdCheck),
    startCounterSale: use(startCounterSale),
    readCounterSale: use(readCounterSale),
    readCounterSaleQuote: use(readCounterSaleQuote),
    sendToTerminal: use(sendToTerminal),
    confirmCounterPayment: use(confirmCounterPayment),
    simulateCustomerPayment: use(simulateCustomerPayment),
    printCounterReceipt: use(printCounterReceipt),
    // Multi-SIM numbers (issue 13): a SIM added after an ID check, or removed; both audited
    listSimsAtCounter: use(listSimsAtCounter),
    addSimAtCounter: use(addSimAtCounter),
    removeSimAtCounter: use(removeSimAtCounter),

    // Reports, receipts and the team
    shiftReport: use(shiftReport),
    readAuditLog: use(readAuditLog),
    readOperationsDashboard: use(readOperationsDashboard),
    voidReceipt: (actor: StaffActor, number: string, reason: string, logger: Logger = deps.logger) =>
      voidReceipt({ ...deps, logger }, actor, number, reason),
    listTeam: use(listTeam),
    listTeamStores: use(listTeamStores),
    counterStoreNames: use(counterStoreNames),
    createStaffInConsole: use(createStaffInConsole),
    deactivateStaff: use(deactivateStaff),

    // API keys for the reassigned-number check (admins)
    createApiKeyInConsole: use(createApiKeyInConsole),
    listApiKeysInConsole: use(listApiKeysInConsole),
    revokeApiKeyInConsole: use(revokeApiKeyInConsole),

    // The support desk (issue 13)
    listSupportQueue: use(listSupportQueue),
    readDeskCase: use(readDeskCase),
    actOnSupportCase: use(actOnSupportCase),
    readSupportFigures: use(readSupportFigures),

    // Promotions and announcements (marketing, admins)
    listPromotionsForStaff: use(listPromotionsForStaff),
    readPromotionForStaff: use(readPromotionForStaff),
    listPromotionPlans: use(listPromotionPlans),
    createPromotion: use(createPromotion),
    editPromotion: use(editPromotion),
    changePromotionState: use(changePromotionState),
    listAnnouncementsForStaff: use(listAnnouncementsForStaff),
    createAnnouncement: use(createAnnouncement),
    endAnnouncementEarly: use(endAnnouncementEarly),
  };
}

export type StaffUseCases = ReturnType<typeof bindStaffUseCases>;
