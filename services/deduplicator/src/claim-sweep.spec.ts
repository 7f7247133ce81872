import pino from 'pino';
import { ClaimGenerationSweep } from './claim-sweep';

describe('ClaimGenerationSweep', () => {
  it('sweeps at init, logs a failed sweep without throwing, and the next one sweeps again', async () => {
    const outcomes: Array<string[] | Error> = [new Error('database down'), ['dedup_claims_20261207T0850Z']];
    const swept: string[][] = [];
    const store = {
      sweepClaims: async () => {
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        swept.push(next ?? []);
        return next ?? [];
      },
    };
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const sweep = new ClaimGenerationSweep(store, logger, 3_600_000);
    // The first sweep runs at init; its failure does not stop the service from starting.
    await expect(sweep.onModuleInit()).resolves.toBeUndefined();
    await sweep.sweep();
    await sweep.onApplicationShutdown();
    expect(swept).toEqual([['dedup_claims_20261207T0850Z']]);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      'claim generations not swept; the next sweep retries',
      'dropped spent claim generations',
    ]);
  });
});
