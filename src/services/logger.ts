// What services need of a logger: structured context first, then the message. A pino logger (or
// a request's child logger, which carries the request id) satisfies it; tests pass silentLogger.
export interface Logger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

const ignore = (): void => undefined;

/** For tests and one-shot tools that have nowhere to report to. */
export const silentLogger: Logger = { info: ignore, warn: ignore, error: ignore };
