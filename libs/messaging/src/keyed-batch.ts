/**
 * Runs one fetched batch of a partition with up to `concurrency` messages in flight: messages with the same key run
 * one after another in offset order (all versions of one article, in order), messages with different keys overlap
 * (their database and Kafka round trips no longer queue behind each other). Offsets are reported in order only: an
 * offset is resolved once it and every earlier message are done, so a crash never commits past unfinished work.
 *
 * `process` returns false when the message was interrupted (shutdown, rebalance): nothing at or after it is resolved
 * and nothing new starts. A `process` that throws does the same, and the first error is rethrown once in-flight
 * messages have settled (the caller's batch fails and is redelivered from the last resolved offset).
 */
export interface KeyedBatchOptions<M> {
  concurrency: number;
  keyOf(message: M): string | null;
  process(message: M): Promise<boolean>;
  /** Called in offset order, once per message whose work (and that of every earlier message) is done. */
  resolved(message: M): Promise<void> | void;
  /** Checked before each message starts; false stops scheduling (in-flight messages still finish). */
  alive(): boolean;
}

export interface KeyedBatchResult {
  /** Messages resolved (a prefix of the batch). */
  resolved: number;
  /** True when the batch stopped early (interrupted, not alive, or failed). */
  stopped: boolean;
}

export async function processKeyedBatch<M>(
  messages: readonly M[],
  options: KeyedBatchOptions<M>,
): Promise<KeyedBatchResult> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const done: boolean[] = new Array(messages.length).fill(false);
  const tails = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<void>>();
  let nextToResolve = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // Resolution runs in one chain so `resolved` calls never overlap and always go in offset order.
  let resolving: Promise<void> = Promise.resolve();

  const advance = (): Promise<void> => {
    resolving = resolving.then(async () => {
      while (nextToResolve < messages.length && done[nextToResolve]) {
        await options.resolved(messages[nextToResolve]);
        nextToResolve += 1;
      }
    });
    return resolving;
  };

  for (let index = 0; index < messages.length; index += 1) {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (stopped || !options.alive()) {
      stopped = true;
      break;
    }
    const message = messages[index];
    const key = options.keyOf(message);
    const previous = key === null ? Promise.resolve() : (tails.get(key) ?? Promise.resolve());
    const run = previous.then(async (): Promise<void> => {
      // An earlier message of the same key was interrupted or failed: this one must not overtake it.
      if (stopped) return;
      try {
        if (await options.process(message)) {
          done[index] = true;
          await advance();
        } else {
          stopped = true;
        }
      } catch (error) {
        stopped = true;
        failure ??= { error };
      }
    });
    if (key !== null) tails.set(key, run);
    const tracked = run.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  await resolving;
  if (failure) throw failure.error;
  return { resolved: nextToResolve, stopped: stopped || nextToResolve < messages.length };
}
