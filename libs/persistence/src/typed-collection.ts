import type { Collection, Model } from 'mongoose';

/**
 * The driver collection behind a model, typed with its records. `model.collection` is typed for ObjectId `_id`s, so
 * every filter on our string ids needed a cast and the compiler checked nothing; this is the same (cached)
 * collection object, typed so filters, updates and inserts are checked against the record again.
 */
export function collectionOf<T extends { _id: string }>(model: Model<T>): Collection<T> {
  return model.db.collection<T>(model.collection.collectionName);
}
