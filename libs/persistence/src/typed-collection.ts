import type { Collection, Model } from 'mongoose';
import { translatingMongoErrors } from './mongo-errors';

/**
 * The driver collection behind a model, typed with its records. `model.collection` is typed for ObjectId `_id`s, so
 * every filter on our string ids needed a cast and the compiler checked nothing; this is the same (cached)
 * collection object, typed so filters, updates and inserts are checked against the record again. Its failures
 * come out translated (an outage is DependencyUnavailableError), like the models' (see mongo-errors.ts).
 */
export function collectionOf<T extends { _id: string }>(model: Model<T>): Collection<T> {
  return translatingMongoErrors(model.db.collection<T>(model.collection.collectionName));
}
