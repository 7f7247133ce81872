// Reading query plans from both servers we run on: MongoDB's explain (winningPlan stages: IXSCAN, IDHACK, COLLSCAN)
// and FerretDB 2's, which is PostgreSQL's plan of the DocumentDB query ("Index Scan", "Bitmap Index Scan",
// "Seq Scan"). Used by the integration test that holds every query on the per-article path to an index seek.

export interface PlanSummary {
  /** Index names the plan reads. */
  indexes: string[];
  /** Full scans of a collection or table: what must never be on the per-article path. */
  scans: string[];
}

const MONGO_INDEX_STAGES = new Set([
  'IXSCAN',
  'IDHACK',
  'EXPRESS_IXSCAN',
  'EXPRESS_IDHACK',
  'COUNT_SCAN',
  'DISTINCT_SCAN',
]);
const POSTGRES_INDEX_NODES = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);
const SHARD_KEY_ONLY = /^\(?shard_key_value = '?-?\d+'?(::bigint)?\)?$/;

export function summarisePlan(explain: unknown): PlanSummary {
  const summary: PlanSummary = { indexes: [], scans: [] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const stage = record.stage;
    if (typeof stage === 'string') {
      if (stage === 'COLLSCAN') summary.scans.push('COLLSCAN');
      else if (MONGO_INDEX_STAGES.has(stage)) summary.indexes.push(String(record.indexName ?? '_id_'));
    }
    const nodeType = record['Node Type'];
    if (typeof nodeType === 'string') {
      const indexName = String(record['Index Name'] ?? '?');
      if (nodeType === 'Seq Scan') summary.scans.push(`Seq Scan on ${String(record['Relation Name'] ?? '?')}`);
      else if (POSTGRES_INDEX_NODES.has(nodeType)) {
        // DocumentDB's `_id_` index leads with the collection's shard key: a condition on that alone reads every
        // document of the collection through the index (what a query on an unindexed field gets), a scan in disguise.
        const condition = record['Index Cond'];
        const seeks = typeof condition === 'string' && !SHARD_KEY_ONLY.test(condition.trim());
        if (seeks) summary.indexes.push(indexName);
        else summary.scans.push(`${nodeType} on ${indexName} without a key condition`);
      }
    }
    // Rejected plans are alternatives the server did not run.
    for (const [key, value] of Object.entries(record)) if (key !== 'rejectedPlans') visit(value);
  };
  visit(explain);
  return summary;
}

/** A query a command runs, as a `find` we can explain (FerretDB explains find, not update or delete). */
export interface ExplainableQuery {
  command: string;
  collection: string;
  filter: Record<string, unknown>;
  sort?: Record<string, unknown>;
}

/**
 * The queries inside a command: a find's filter, each update's or delete's `q`, a findAndModify's query, a
 * count's. Inserts (and commands that query nothing) have none: they are writes by `_id`, never scans.
 */
export function queriesOf(command: Record<string, unknown>): ExplainableQuery[] {
  const [name] = Object.keys(command);
  const collection = command[name];
  if (typeof collection !== 'string') return [];
  const asFilter = (value: unknown) => (value ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'find':
      return [
        {
          command: name,
          collection,
          filter: asFilter(command.filter),
          sort: command.sort as Record<string, unknown> | undefined,
        },
      ];
    case 'count':
    case 'findAndModify':
      return [{ command: name, collection, filter: asFilter(command.query) }];
    case 'update':
      return ((command.updates as Array<{ q: unknown }> | undefined) ?? []).map((update) => ({
        command: name,
        collection,
        filter: asFilter(update.q),
      }));
    case 'delete':
      return ((command.deletes as Array<{ q: unknown }> | undefined) ?? []).map((deletion) => ({
        command: name,
        collection,
        filter: asFilter(deletion.q),
      }));
    default:
      return [];
  }
}
