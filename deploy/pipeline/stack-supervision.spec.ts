import {
  describeRecovery,
  describeStackStatus,
  initialSupervision,
  markRestarted,
  planStackRecovery,
  stackHealthReport,
  type StackSupervision,
} from './stack-supervision';

const policy = { initialDelayMs: 1_000, maxDelayMs: 8_000, maxCrashes: 3, windowMs: 300_000 };

describe('supervision of the embedded stack', () => {
  it('restarts a dead component after the policy delay and counts the restart once it is back', () => {
    const { plan, supervision } = planStackRecovery(initialSupervision(0), ['kafka'], 10_000, policy);
    expect(plan).toMatchObject({ restart: ['kafka'], delayMs: 1_000, giveUp: [], waiting: [] });
    expect(supervision.kafka).toMatchObject({ state: 'restarting', crashTimes: [10_000], restarts: 0 });
    expect(supervision.postgres.state).toBe('up');
    const back = markRestarted(supervision, plan.restart, 12_000);
    expect(back.kafka).toMatchObject({ state: 'up', restarts: 1 });
    expect(describeStackStatus(back)).toBe('stack: Kafka up (1 restart) · FerretDB up · PostgreSQL up');
  });

  it('restarts PostgreSQL before FerretDB when both died, after the longer of their delays', () => {
    let supervision: StackSupervision = initialSupervision(0);
    supervision = { ...supervision, postgres: { ...supervision.postgres, crashTimes: [1_000] } };
    const { plan } = planStackRecovery(supervision, ['ferretdb', 'postgres'], 5_000, policy);
    expect(plan.restart).toEqual(['postgres', 'ferretdb']);
    expect(plan.delayMs).toBe(2_000);
  });

  it('backs off while a restart keeps failing, then gives up and leaves FerretDB waiting for its PostgreSQL', () => {
    let supervision = initialSupervision(0);
    const delays: number[] = [];
    for (const now of [1_000, 3_000]) {
      const planned = planStackRecovery(supervision, ['postgres'], now, policy);
      delays.push(planned.plan.delayMs);
      supervision = planned.supervision;
    }
    expect(delays).toEqual([1_000, 2_000]);
    const third = planStackRecovery(supervision, ['postgres', 'ferretdb'], 7_000, policy);
    expect(third.plan).toMatchObject({ restart: [], giveUp: ['postgres'], waiting: ['ferretdb'] });
    expect(describeRecovery(third.plan, policy)).toEqual([
      expect.stringContaining('GIVING UP on PostgreSQL'),
      '!! FerretDB died; not restarting it while PostgreSQL is given up on',
    ]);
    expect(describeStackStatus(third.supervision)).toBe(
      'stack: Kafka up · FerretDB down (waiting) · PostgreSQL DOWN (given up)',
    );
    // Given up means left alone: later checks that still see it down plan nothing more.
    const later = planStackRecovery(third.supervision, ['postgres', 'ferretdb'], 60_000, policy);
    expect(later.plan).toMatchObject({ restart: [], giveUp: [], waiting: [] });
    expect(later.supervision.postgres.crashTimes).toHaveLength(3);
  });

  it('forgets crashes older than the window', () => {
    let supervision = initialSupervision(0);
    supervision = { ...supervision, kafka: { ...supervision.kafka, crashTimes: [0, 1_000] } };
    const { plan } = planStackRecovery(supervision, ['kafka'], 400_000, policy);
    expect(plan).toMatchObject({ restart: ['kafka'], delayMs: 1_000 });
  });

  it('describes a restart with the crash count the policy allows', () => {
    const { plan } = planStackRecovery(initialSupervision(0), ['ferretdb'], 1_000, policy);
    expect(describeRecovery(plan, policy)).toEqual([
      '!! FerretDB died; restarting in 1.0 s (crash 1 of 3 allowed in 5 min)',
    ]);
  });
});

describe('the stack as a health report for the dashboard', () => {
  it('is up with every process up, naming restarts', () => {
    const supervision = markRestarted(initialSupervision(0), ['kafka'], 1_000);
    expect(stackHealthReport(supervision, 12)).toEqual({
      status: 'up',
      service: 'stack',
      uptimeSeconds: 12,
      checks: {
        PostgreSQL: { status: 'up' },
        FerretDB: { status: 'up' },
        Kafka: { status: 'up', detail: 'restarted 1×' },
      },
    });
  });

  it('is down while a process restarts or is given up on, saying since when', () => {
    const { supervision } = planStackRecovery(initialSupervision(0), ['postgres'], 5_000, policy);
    const report = stackHealthReport(supervision, 5);
    expect(report.status).toBe('down');
    expect(report.checks.PostgreSQL).toEqual({ status: 'down', detail: 'restarting since 1970-01-01T00:00:05.000Z' });
  });
});
