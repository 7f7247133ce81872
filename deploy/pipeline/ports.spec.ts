import { demoFeedPort, freePort, parsePortChoice, resolvePorts } from './ports';

describe('parsePortChoice', () => {
  it('defaults to the standard ports (gateway 3000)', () => {
    expect(parsePortChoice(undefined)).toEqual({ base: 3000 });
    expect(parsePortChoice(' ')).toEqual({ base: 3000 });
  });

  it('takes a base or auto', () => {
    expect(parsePortChoice('4000')).toEqual({ base: 4000 });
    expect(parsePortChoice('auto')).toBe('auto');
  });

  it('refuses what is not a usable base, naming the option', () => {
    expect(() => parsePortChoice('40x')).toThrow(/--ports \/ INKSTREAM_PORTS .* \(got "40x"\)/);
    expect(() => parsePortChoice('0')).toThrow(/port base/);
    expect(() => parsePortChoice('65534')).toThrow(/port base from 1 to 65530/);
  });
});

describe('resolvePorts', () => {
  const noFreePort = () => Promise.reject(new Error('not asked'));

  it('shifts the default layout to the base', async () => {
    expect(await resolvePorts({ base: 3000 }, noFreePort)).toEqual({
      gateway: 3000,
      fetcher: 3001,
      splitter: 3002,
      deduplicator: 3003,
      enricher: 3004,
      store: 3005,
    });
    const shifted = await resolvePorts({ base: 4100 }, noFreePort);
    expect(shifted.gateway).toBe(4100);
    expect(shifted.store).toBe(4105);
  });

  it('auto: one distinct free port per service, even when the OS repeats one', async () => {
    const offered = [5001, 5001, 5002, 5003, 5002, 5004, 5005, 5006];
    const ports = await resolvePorts('auto', async () => offered.shift() as number);
    expect(Object.values(ports).sort()).toEqual([5001, 5002, 5003, 5004, 5005, 5006]);
  });

  it('auto with real free ports from the OS', async () => {
    const ports = await resolvePorts('auto', () => freePort('127.0.0.1'));
    expect(new Set(Object.values(ports)).size).toBe(6);
    for (const port of Object.values(ports)) expect(port).toBeGreaterThan(0);
  });
});

describe('demoFeedPort', () => {
  const free = () => Promise.resolve(54_321);

  it('is 4010 by default and moves with the base, so two pipelines side by side never share it', async () => {
    expect(await demoFeedPort({ base: 3000 }, free)).toBe(4010);
    expect(await demoFeedPort({ base: 5000 }, free)).toBe(6010);
  });

  it('is a free port with auto, and when the shifted port would not exist', async () => {
    expect(await demoFeedPort('auto', free)).toBe(54_321);
    expect(await demoFeedPort({ base: 65_000 }, free)).toBe(54_321);
  });
});
