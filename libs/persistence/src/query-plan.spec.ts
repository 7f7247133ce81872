import { queriesOf, summarisePlan } from './query-plan';

describe('query plans', () => {
  it('reads MongoDB plans: index stages and collection scans, ignoring rejected plans', () => {
    expect(
      summarisePlan({
        queryPlanner: {
          winningPlan: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'key_1' } },
          rejectedPlans: [{ stage: 'COLLSCAN' }],
        },
      }),
    ).toEqual({ indexes: ['key_1'], scans: [] });
    expect(summarisePlan({ queryPlanner: { winningPlan: { stage: 'COLLSCAN' } } }).scans).toEqual(['COLLSCAN']);
    expect(summarisePlan({ queryPlanner: { winningPlan: { stage: 'EXPRESS_IDHACK' } } }).indexes).toEqual(['_id_']);
  });

  it('reads FerretDB 2 plans (PostgreSQL nodes)', () => {
    const indexed = {
      queryPlanner: {
        Plan: {
          'Node Type': 'Limit',
          Plans: [
            {
              'Node Type': 'Bitmap Heap Scan',
              Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'key_1', 'Index Cond': '(document @= x)' }],
            },
          ],
        },
      },
    };
    expect(summarisePlan(indexed)).toEqual({ indexes: ['key_1'], scans: [] });
    expect(summarisePlan({ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'documents_7' } }).scans).toEqual([
      'Seq Scan on documents_7',
    ]);
  });

  it("counts a walk of DocumentDB's _id_ index on the shard key alone as a scan (an unindexed field's plan)", () => {
    const unindexed = {
      Plan: {
        'Node Type': 'Bitmap Heap Scan',
        Filter: '(document OPERATOR(documentdb_api_catalog.@=) ...)',
        Plans: [
          { 'Node Type': 'Bitmap Index Scan', 'Index Name': '_id_', 'Index Cond': "(shard_key_value = '2'::bigint)" },
        ],
      },
    };
    expect(summarisePlan(unindexed)).toEqual({
      indexes: [],
      scans: ['Bitmap Index Scan on _id_ without a key condition'],
    });
    const byId = {
      Plan: {
        'Node Type': 'Index Scan',
        'Index Name': '_id_',
        'Index Cond': "((shard_key_value = '2'::bigint) AND (object_id OPERATOR(documentdb_core.=) 'BSONHEX0e'))",
      },
    };
    expect(summarisePlan(byId)).toEqual({ indexes: ['_id_'], scans: [] });
  });

  it('finds the queries inside find, update, delete and findAndModify commands', () => {
    expect(queriesOf({ find: 'articles', filter: { _id: 'a' }, sort: { storedAt: -1 } })).toEqual([
      { command: 'find', collection: 'articles', filter: { _id: 'a' }, sort: { storedAt: -1 } },
    ]);
    expect(
      queriesOf({
        update: 'articles',
        updates: [
          { q: { _id: 'a', version: 1 }, u: {} },
          { q: { _id: 'b' }, u: {} },
        ],
      }),
    ).toHaveLength(2);
    expect(queriesOf({ delete: 'dedup_claims', deletes: [{ q: { createdAt: { $lt: 1 } }, limit: 0 }] })[0]).toEqual({
      command: 'delete',
      collection: 'dedup_claims',
      filter: { createdAt: { $lt: 1 } },
    });
    expect(queriesOf({ insert: 'articles', documents: [] })).toEqual([]);
    expect(queriesOf({ ping: 1 })).toEqual([]);
  });
});
