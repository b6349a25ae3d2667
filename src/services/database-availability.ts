// Whether an error means the database is away (not that it refused a statement), for the parts
// that never import src/db: jobs pause on it, channels answer 503 with Retry-After.
import { isConnectionError } from '../db/database.ts';

export function isDatabaseOutage(error: unknown): boolean {
  return isConnectionError(error);
}
