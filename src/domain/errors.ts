// One error type for every rule the domain enforces. The code is stable and public: channels map
// it once each (HTTP status + problem+json, a USSD END text, an SMS template).

export const errorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_FIELD',
  'INVALID_AMOUNT',
  'INVALID_DATE',
  'INVALID_INSTANT',
  'INVALID_MSISDN',
  'NOT_AZ_MOBILE',
  'INVALID_ICCID',
  'LINE_NOT_FOUND',
  'LINE_ALREADY_EXISTS',
  'LINE_IN_QUARANTINE',
  'LINE_RECYCLABLE',
  'AMOUNT_BELOW_MINIMUM_TOP_UP',
  'AMOUNT_ABOVE_MAXIMUM_TOP_UP',
  'INSUFFICIENT_BALANCE',
  'PLAN_NOT_FOUND',
  'PLAN_DURATION_NOT_OFFERED',
  'POLICY_INVALID',
  'POLICY_NOT_FOUND',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'DATABASE_LOCKED',
  'CSV_INVALID',
  'CONFIG_INVALID',
  'PROMO_NOT_FOUND',
  'PROMO_EXPIRED',
  'PROMO_EXHAUSTED',
  'PROMO_NOT_APPLICABLE',
  'PROMO_NOT_STARTED',
  'PROMO_ALREADY_USED',
  'PROMO_PLAN_NOT_COVERED',
  'PROMO_MIN_MONTHS',
  'PROMO_MIN_ORDER',
  'PROMO_NEW_CUSTOMERS_ONLY',
  'PROMO_NOT_ELIGIBLE',
  'ORDER_TOTAL_ZERO',
  'QUOTE_NOT_FOUND',
  'QUOTE_EXPIRED',
  'ORDER_NOT_FOUND',
  'ORDER_STATE_CONFLICT',
  'PAYMENT_DECLINED',
  'PAYMENT_PROVIDER_DISABLED',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  'WEBHOOK_SIGNATURE_INVALID',
  'ACCOUNT_EXISTS_OR_INELIGIBLE',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_TOO_MANY_ATTEMPTS',
  'PASSWORD_TOO_WEAK',
  'INVALID_CREDENTIALS',
  'CSRF_REJECTED',
  'SLOT_FULL',
  'SLOT_UNAVAILABLE',
  'TOO_MANY_APPOINTMENTS',
  'STORE_NOT_FOUND',
  'ID_CHECK_REQUIRED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'RECEIPT_NOT_FOUND',
  'SMS_TEMPLATE_MISSING',
  'USSD_SESSION_EXPIRED',
  'SMS_TOO_LONG',
  'SMS_PDU_INVALID',
  'CHECK_CODE_INVALID',
  'DELIVERY_RECEIPT_INVALID',
  'SMPP_BIND_FAILED',
  'SMPP_SUBMIT_FAILED',
  'SMPP_CLOSED',
  'MALFORMED_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_ERROR',
  'PLAN_INVALID',
  'PROMOTION_INVALID',
  'VOID_WINDOW_CLOSED',
  'INVALID_PERIOD',
  'INVALID_EMAIL',
  'DATABASE_UNAVAILABLE',
  'MALFORMED_REQUEST',
  'TOO_MANY_FIELDS',
  'USAGE_INVALID',
  'AUTO_RENEW_OVER_CAP',
  'AUTO_RENEW_SOURCE_INVALID',
  'PAYMENT_METHOD_NOT_SAVED',
  'TRANSFER_SAME_LINE',
  'TRANSFER_RECIPIENT_NOT_ALLOWED',
  'TRANSFER_LINE_CLOSED',
  'TRANSFER_BELOW_MINIMUM',
  'TRANSFER_LEAVES_TOO_LITTLE',
  'TRANSFER_DAILY_CAP',
  'TRANSFER_NOT_FOUND',
  'LOGIN_LINE_NOT_REMOVABLE',
  'GROUP_PLAN_NOT_SHARED',
  'GROUP_FULL',
  'GROUP_MEMBER_CONFLICT',
  'SIM_LIMIT_REACHED',
  'ICCID_IN_USE',
  'CASE_CLOSED',
  'PROMOTION_EXISTS',
  'PROMOTION_STATE_CONFLICT',
  'PROMO_EXISTING_CUSTOMERS_ONLY',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Where in the input the problem is (a JSON pointer-ish path, a CSV row, an env variable). */
export interface ErrorDetail {
  readonly path?: string;
  readonly row?: number;
  /** The position (from 0) of the bad item in a JSON array of records. */
  readonly index?: number;
  /** The specific rule broken, when it differs from the error's own code. */
  readonly code?: ErrorCode;
  readonly message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
