import { sizeRunSlots, type RunSlotSample } from './run-slots';

const policy = { min: 8, max: 64, cpuCeiling: 0.8, minLatencySeconds: 0.2 };
const sample = (overrides: Partial<RunSlotSample> = {}): RunSlotSample => ({
  slots: 16,
  backlogged: false,
  finishedPerSecond: 4,
  meanRunSeconds: 2,
  cpu: 0.2,
  waitingForOrigin: 0,
  ...overrides,
});

describe('sizeRunSlots', () => {
  it('grows by half while sources are left due, runs are slow and the CPU has room, up to the maximum', () => {
    expect(sizeRunSlots(sample({ backlogged: true }), policy)).toBe(24);
    expect(sizeRunSlots(sample({ backlogged: true, slots: 60 }), policy)).toBe(64);
    expect(sizeRunSlots(sample({ backlogged: true, meanRunSeconds: null }), policy)).toBe(24);
  });

  it('does not grow when runs are fast (not waiting on the network) or queue behind origin politeness', () => {
    expect(sizeRunSlots(sample({ backlogged: true, meanRunSeconds: 0.05 }), policy)).toBe(16);
    expect(sizeRunSlots(sample({ backlogged: true, waitingForOrigin: 8 }), policy)).toBe(16);
  });

  it('shrinks by a quarter at the CPU ceiling, backlog or not, never under the minimum', () => {
    expect(sizeRunSlots(sample({ backlogged: true, cpu: 0.9, slots: 40 }), policy)).toBe(30);
    expect(sizeRunSlots(sample({ cpu: 0.95, slots: 9 }), policy)).toBe(8);
  });

  it("eases down towards Little's law (throughput × latency, with headroom) without a backlog", () => {
    // 4 runs/s of 2 s need 8 slots, 12 with headroom: 40 slots ease to 36, then on down.
    expect(sizeRunSlots(sample({ slots: 40 }), policy)).toBe(36);
    expect(sizeRunSlots(sample({ slots: 13 }), policy)).toBe(12);
    expect(sizeRunSlots(sample({ slots: 12 }), policy)).toBe(12);
    expect(sizeRunSlots(sample({ slots: 20, meanRunSeconds: null }), policy)).toBe(20);
  });

  it('keeps a fixed number when the minimum and maximum are equal', () => {
    const fixed = { ...policy, min: 8, max: 8 };
    expect(sizeRunSlots(sample({ slots: 8, backlogged: true }), fixed)).toBe(8);
    expect(sizeRunSlots(sample({ slots: 8, cpu: 1 }), fixed)).toBe(8);
  });
});
