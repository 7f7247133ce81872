import { SaturatedKeys } from './saturated-keys';

describe('SaturatedKeys', () => {
  it('remembers a full key for its time to live, renewed each time it is found full again', () => {
    const keys = new SaturatedKeys({ ttlMs: 1_000, maxKeys: 10 });
    keys.note(['s:a', 'b:1'], 0);
    expect(keys.has('s:a', 999)).toBe(true);
    expect(keys.has('s:other', 10)).toBe(false);
    keys.note(['s:a'], 900);
    expect(keys.has('s:a', 1_500)).toBe(true);
    expect(keys.has('b:1', 1_000)).toBe(false);
    expect(keys.size).toBe(1);
  });

  it('forgets the keys noted longest ago past its size', () => {
    const keys = new SaturatedKeys({ ttlMs: 1_000, maxKeys: 2 });
    keys.note(['k1', 'k2'], 0);
    keys.note(['k1'], 1);
    keys.note(['k3'], 2);
    expect(['k1', 'k2', 'k3'].filter((key) => keys.has(key, 3))).toEqual(['k1', 'k3']);
  });
});
