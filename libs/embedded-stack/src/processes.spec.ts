import { findFreePorts, listeningPortWindow } from './processes';

describe('listeningPortWindow', () => {
  it('looks below the ephemeral range, where client sockets never take a port', () => {
    expect(listeningPortWindow('32768\t60999\n')).toEqual({ low: 10_000, high: 32_767 });
    expect(listeningPortWindow('15000 65000')).toEqual({ low: 10_000, high: 14_999 });
  });

  it('assumes the usual range when it cannot read one, and lets the kernel choose when there is no room below', () => {
    expect(listeningPortWindow(undefined)).toEqual({ low: 10_000, high: 32_767 });
    expect(listeningPortWindow('garbage')).toEqual({ low: 10_000, high: 32_767 });
    expect(listeningPortWindow('1024 65535')).toBeNull();
  });
});

describe('findFreePorts', () => {
  it('gives distinct ports outside the ephemeral range', async () => {
    const ports = await findFreePorts(6);
    expect(new Set(ports).size).toBe(6);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(10_000);
  });
});
