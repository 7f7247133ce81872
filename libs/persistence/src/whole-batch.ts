/**
 * Query options for a bounded read whose whole result the caller takes at once: one batch, as large as the limit.
 *
 * Why: DocumentDB serves a sorted, skipped or limited find (a limit other than 1) through a "persistent" cursor
 * that pins its PostgreSQL connection, and FerretDB 2 then takes that connection out of its pool and closes it,
 * even when the first page held every result. Each such read started and tore down a PostgreSQL backend (measured
 * on the fetcher at 10,000 feeds: 12 to 20 backends a second, every one of FerretDB's connections under half a
 * second old; a sorted read took 4x as long). A `singleBatch` find is drained in its first page and leaves the
 * connection in the pool. The batch is capped at 16 MB by the server and a single-batch read drops what is past it,
 * so only reads bounded in count and size use it (claims, due lists); one that could reach it (whole articles, a
 * source listing of any length an operator asks for) keeps its cursor.
 */
export function wholeBatch(limit: number): { singleBatch: true; batchSize: number } {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`wholeBatch: limit ${limit} is not a count`);
  return { singleBatch: true, batchSize: limit };
}
