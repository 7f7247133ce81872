import { HealthRegistry } from './health';

describe('HealthRegistry', () => {
  it('is up when every check is up', async () => {
    const health = new HealthRegistry('store');
    health.register('kafka', () => ({ status: 'up' }));
    health.register('mongodb', async () => ({ status: 'up' }));
    const report = await health.report();
    expect(report).toMatchObject({ status: 'up', service: 'store', checks: { kafka: { status: 'up' } } });
  });

  it('is down with the reason when a check throws or hangs', async () => {
    const health = new HealthRegistry('store', 50);
    health.register('kafka', () => {
      throw new Error('broker unreachable');
    });
    health.register('mongodb', () => new Promise(() => undefined));
    const report = await health.report();
    expect(report.status).toBe('down');
    expect(report.checks.kafka).toEqual({ status: 'down', detail: 'broker unreachable' });
    expect(report.checks.mongodb).toEqual({ status: 'down', detail: 'no answer within 50 ms' });
  });
});
