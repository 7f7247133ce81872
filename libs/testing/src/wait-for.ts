// Polling for eventually-true conditions (a consumer caught up, a document stored) instead of fixed sleeps.

export interface WaitForOptions {
  /** Default 10s. */
  timeoutMs?: number;
  /** Default 100ms. */
  intervalMs?: number;
  /** Named in the timeout error: "Timed out after 10000ms waiting for <description>". */
  description?: string;
}

/**
 * Calls `predicate` until it returns a truthy value, and returns that value. A predicate that throws counts as
 * "not yet"; its last error is quoted if time runs out.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${errorText(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs}ms waiting for ${options.description ?? 'a condition'}${cause}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
