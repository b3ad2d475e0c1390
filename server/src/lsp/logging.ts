// Logging to the client's output and the guard every request handler is wrapped in.
export interface Log {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

type Console = { log(m: string): void; warn(m: string): void; error(m: string): void };

export function makeLog(console: Console): Log {
  return {
    log: message => console.log(message),
    warn: message => console.warn(message),
    error: (message, err) => {
      const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : err === undefined ? '' : String(err);
      console.error(detail ? `${message}: ${detail}` : message);
    },
  };
}

/** Wraps a handler: exceptions (and rejected promises) are logged with `name` and answered with `fallback`. */
export function makeGuard(error: Log['error']) {
  return function guard<P, R, F>(name: string, fallback: F, handler: (params: P, ...rest: any[]) => R | Promise<R>) {
    return async (params: P, ...rest: any[]): Promise<R | F> => {
      try {
        return await handler(params, ...rest);
      } catch (e) {
        error(`upkeep: ${name} failed`, e);
        return fallback;
      }
    };
  };
}
