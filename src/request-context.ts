// The id of what caused the work under way — an HTTP request's id, or a job pass's — carried
// through async calls (AsyncLocalStorage), so that a log line, and an SMS written to the outbox
// (its request_id column), can be traced back to the request or job pass that caused it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ readonly requestId: string }>();

/** Ids that may be written into SQL as a literal (the transaction's setting) without escaping. */
const SAFE_ID = /^[\w:.-]{1,100}$/;

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  const id = storage.getStore()?.requestId;
  return id !== undefined && SAFE_ID.test(id) ? id : undefined;
}

/** A job pass's id: the job's name and a fresh UUID ("lifecycle-sweep:…"). */
export function newJobRunId(jobName: string): string {
  return `${jobName.replace(/[^\w]+/g, '-')}:${randomUUID()}`;
}

/** The statement that hands the id to the database for this transaction (sms_outbox.request_id's default). */
export function requestIdSetting(): string | undefined {
  const id = currentRequestId();
  return id === undefined ? undefined : `select set_config('saxla.request_id', '${id}', true)`;
}
