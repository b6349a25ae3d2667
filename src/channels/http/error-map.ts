// The one table from error codes to HTTP, and the problem+json (RFC 9457) body every error gets.
import type { ErrorCode, ErrorDetail } from '../../domain/errors.ts';

const statusByCode: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  MALFORMED_BODY: 400,
  INVALID_AMOUNT: 422,
  TRANSFER_SAME_LINE: 422,
  TRANSFER_RECIPIENT_NOT_ALLOWED: 422,
  TRANSFER_LINE_CLOSED: 409,
  TRANSFER_BELOW_MINIMUM: 422,
  TRANSFER_LEAVES_TOO_LITTLE: 422,
  TRANSFER_DAILY_CAP: 422,
  TRANSFER_NOT_FOUND: 404,
  LOGIN_LINE_NOT_REMOVABLE: 409,
  PROMOTION_EXISTS: 409,
  PROMOTION_STATE_CONFLICT: 409,
  PROMO_EXISTING_CUSTOMERS_ONLY: 422,
  INVALID_DATE: 422,
  INVALID_INSTANT: 422,
  INVALID_MSISDN: 422,
  NOT_AZ_MOBILE: 422,
  INVALID_ICCID: 422,
  LINE_NOT_FOUND: 404,
  LINE_ALREADY_EXISTS: 409,
  LINE_IN_QUARANTINE: 409,
  LINE_RECYCLABLE: 409,
  AMOUNT_BELOW_MINIMUM_TOP_UP: 422,
  AMOUNT_ABOVE_MAXIMUM_TOP_UP: 422,
  INSUFFICIENT_BALANCE: 409,
  PLAN_NOT_FOUND: 404,
  PLAN_DURATION_NOT_OFFERED: 422,
  POLICY_INVALID: 500,
  POLICY_NOT_FOUND: 500,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  DATABASE_LOCKED: 503,
  CSV_INVALID: 400,
  CONFIG_INVALID: 500,
  PROMO_NOT_FOUND: 422,
  PROMO_EXPIRED: 422,
  PROMO_EXHAUSTED: 422,
  PROMO_NOT_APPLICABLE: 422,
  PROMO_NOT_STARTED: 422,
  PROMO_ALREADY_USED: 422,
  PROMO_PLAN_NOT_COVERED: 422,
  PROMO_MIN_MONTHS: 422,
  PROMO_MIN_ORDER: 422,
  PROMO_NEW_CUSTOMERS_ONLY: 422,
  PROMO_NOT_ELIGIBLE: 422,
  ORDER_TOTAL_ZERO: 422,
  QUOTE_NOT_FOUND: 404,
  QUOTE_EXPIRED: 409,
  ORDER_NOT_FOUND: 404,
  ORDER_STATE_CONFLICT: 409,
  PAYMENT_DECLINED: 402,
  PAYMENT_PROVIDER_DISABLED: 422,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  WEBHOOK_SIGNATURE_INVALID: 400,
  ACCOUNT_EXISTS_OR_INELIGIBLE: 202,
  CODE_INVALID: 422,
  CODE_EXPIRED: 422,
  CODE_TOO_MANY_ATTEMPTS: 429,
  PASSWORD_TOO_WEAK: 422,
  INVALID_CREDENTIALS: 401,
  CSRF_REJECTED: 403,
  SLOT_FULL: 409,
  SLOT_UNAVAILABLE: 422,
  TOO_MANY_APPOINTMENTS: 409,
  STORE_NOT_FOUND: 404,
  ID_CHECK_REQUIRED: 409,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  RECEIPT_NOT_FOUND: 404,
  SMS_TEMPLATE_MISSING: 500,
  USSD_SESSION_EXPIRED: 410,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  PLAN_INVALID: 422,
  PROMOTION_INVALID: 422,
  SMS_TOO_LONG: 422,
  SMS_PDU_INVALID: 500,
  CHECK_CODE_INVALID: 422,
  DELIVERY_RECEIPT_INVALID: 400,
  SMPP_BIND_FAILED: 503,
  SMPP_SUBMIT_FAILED: 503,
  SMPP_CLOSED: 503,
  VOID_WINDOW_CLOSED: 409,
  INVALID_PERIOD: 400,
  INVALID_EMAIL: 422,
  DATABASE_UNAVAILABLE: 503,
  MALFORMED_REQUEST: 400,
  TOO_MANY_FIELDS: 413,
  USAGE_INVALID: 422,
  AUTO_RENEW_OVER_CAP: 422,
  GROUP_PLAN_NOT_SHARED: 422,
  GROUP_FULL: 409,
  GROUP_MEMBER_CONFLICT: 409,
  SIM_LIMIT_REACHED: 409,
  ICCID_IN_USE: 409,
  CASE_CLOSED: 409,
  AUTO_RENEW_SOURCE_INVALID: 422,
  PAYMENT_METHOD_NOT_SAVED: 422,
};

const titles: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  409: 'Conflict', 410: 'Gone', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function httpStatusFor(code: ErrorCode): number {
  return statusByCode[code];
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors?: readonly ErrorDetail[];
  /** A refused promo code: what it would have needed (months, or a minimum order in qəpik). */
  readonly needs?: { readonly months?: number; readonly minOrder?: { readonly amount: number; readonly currency: 'AZN' } };
}

export function problemFor(code: ErrorCode, detail: string, errors: readonly ErrorDetail[] = [], extra: Pick<Problem, 'needs'> = {}): Problem {
  const status = statusByCode[code];
  return {
    type: `https://saxla.az/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
    ...extra,
  };
}
