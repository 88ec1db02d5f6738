/**
 * Waiting without sleeping: tests wait on the event they expect and fail after a timeout,
 * instead of sleeping a guessed duration (slow on fast machines, flaky on slow ones).
 */

/** Resolves with the promise's value, or rejects when it takes longer than `timeoutMs`. */
export function waitFor<T>(promise: Promise<T>, timeoutMs?: number, label?: string): Promise<T>;
/** Resolves with the predicate's first truthy value, re-checked whenever `recorder.notify` fires. */
export function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number, label?: string): Promise<T>;
export function waitFor<T>(
  what: Promise<T> | (() => T | undefined | null | false),
  timeoutMs = 5000,
  label = 'condition',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`));
    }, timeoutMs);
    let cleanup = (): void => clearTimeout(timer);
    if (typeof what !== 'function') {
      what.then(
        (v) => (cleanup(), resolve(v)),
        (e: unknown) => (cleanup(), reject(e)),
      );
      return;
    }
    const check = (): boolean => {
      const value = what();
      if (!value) return false;
      cleanup();
      resolve(value);
      return true;
    };
    if (check()) return;
    listeners.add(check);
    cleanup = () => {
      clearTimeout(timer);
      listeners.delete(check);
    };
  });
}

const listeners = new Set<() => boolean>();

/** Re-checks every pending `waitFor` predicate: call it whenever a recorded event arrives. */
export function notifyWaiters(): void {
  for (const check of [...listeners]) check();
}

/** Records calls in arrival order and wakes waiters on each one. */
export class CallRecorder<T> {
  readonly calls: T[] = [];

  /** Records one call. */
  record(call: T): void {
    this.calls.push(call);
    notifyWaiters();
  }

  /** Resolves with the first recorded call (from index `from`) that matches, or times out. */
  next(match: (call: T) => boolean, opts: { from?: number; timeoutMs?: number; label?: string } = {}): Promise<T> {
    const from = opts.from ?? 0;
    return waitFor(() => this.calls.slice(from).find(match), opts.timeoutMs ?? 5000, opts.label ?? 'a matching call');
  }
}

/**
 * Resolves when `predicate` holds, re-checking every few milliseconds, or rejects after `timeoutMs`.
 * For state that changes without telling anyone (a listener count, a closed port): it waits on the
 * condition itself, never on a guessed duration.
 */
export async function pollUntil<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}
