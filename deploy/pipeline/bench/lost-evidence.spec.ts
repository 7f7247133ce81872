import { notableLogLines } from './lost-evidence';

describe('notableLogLines', () => {
  it('keeps what went wrong and the restarts, the last ones, and drops the rest', () => {
    const log = [
      '2026-12-07 15:52:36 UTC [312] LOG:  checkpoint starting: time',
      '2026-12-07 15:52:37 UTC [312] LOG:  received fast shutdown request',
      '2026-12-07 15:52:37 UTC [315] FATAL:  terminating connection due to administrator command',
      '2026-12-07 15:52:38 UTC [401] LOG:  database system was shut down at 2026-12-07 15:52:37 UTC',
      '2026-12-07 15:52:38 UTC [400] LOG:  database system is ready to accept connections',
      '2026-12-07T15:52:50.001Z WARN  pool  connection lost',
      '2026-12-07 15:52:51 UTC [420] ERROR:  duplicate key value violates unique constraint',
    ].join('\n');
    expect(notableLogLines(log)).toEqual([
      '2026-12-07 15:52:37 UTC [315] FATAL:  terminating connection due to administrator command',
      '2026-12-07 15:52:38 UTC [401] LOG:  database system was shut down at 2026-12-07 15:52:37 UTC',
      '2026-12-07 15:52:38 UTC [400] LOG:  database system is ready to accept connections',
      '2026-12-07T15:52:50.001Z WARN  pool  connection lost',
      '2026-12-07 15:52:51 UTC [420] ERROR:  duplicate key value violates unique constraint',
    ]);
    expect(notableLogLines(log, 1)).toEqual([
      '2026-12-07 15:52:51 UTC [420] ERROR:  duplicate key value violates unique constraint',
    ]);
  });
});
