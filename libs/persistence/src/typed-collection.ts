import type { Collection, Connection, Model } from 'mongoose';
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

/** A collection with no model (one of several named at run time, such as claim generations), as `collectionOf`. */
export function collectionNamed<T extends { _id: string }>(connection: Connection, name: string): Collection<T> {
  return translatingMongoErrors(connection.collection<T>(name));
}
