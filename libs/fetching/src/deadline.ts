import { FetchError } from './fetch-error';

/**
 * A time limit on a request that also ends when its parent signal aborts (the run stopping). One AbortController
 * per deadline, aborted by its own timer and by a listener on the parent, both removed by `dispose()`: the
 * controller is strongly held by the timer until then. `AbortSignal.any([parent, AbortSignal.timeout(ms)])` is not
 * used because Node 20 may collect a combined signal (and with it the timeout) while a request still waits on it:
 * a trickling server then held a retry for 600 s instead of 30.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onParentAbort = () => this.controller.abort(this.parent?.reason);

  constructor(
    readonly ms: number,
    /** what is cut, for the error message (a URL) */
    what: string,
    private readonly parent?: AbortSignal,
    options: { transient: boolean } = { transient: true },
  ) {
    this.timer = setTimeout(() => {
      this.controller.abort(
        new FetchError('timeout', `${what}: no complete response within ${ms} ms`, { transient: options.transient }),
      );
    }, ms);
    if (parent?.aborted) this.onParentAbort();
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws the abort reason (a timeout FetchError, or the parent's reason) once the deadline passed. */
  throwIfAborted(): void {
    this.controller.signal.throwIfAborted();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}

/** Runs `task` under a deadline, always disposing of it. */
export async function withDeadline<T>(
  ms: number,
  what: string,
  parent: AbortSignal | undefined,
  task: (signal: AbortSignal) => Promise<T>,
  options?: { transient: boolean },
): Promise<T> {
  const deadline = new Deadline(ms, what, parent, options);
  try {
    return await task(deadline.signal);
  } finally {
    deadline.dispose();
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleepUnless(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for `promise` but stops waiting (rejecting with the signal's reason) once `signal` aborts; the work behind
 * the promise goes on for whoever else waits for it (a robots.txt load shared by every source on an origin).
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
