import type { mongo } from 'mongoose';
import { CommandCoalescer, type CommandCoalescerOptions } from './command-coalescer';
import { duplicateKeyFailures } from './connection';
import { isMongoUnavailable } from './mongo-errors';

type Collection<T extends { _id: string }> = mongo.Collection<T>;

/** An outage reaches every caller of a command at once: no request gets through alone either. */
function coalescerOptions(maxRequests: number | undefined): CommandCoalescerOptions {
  return { maxRequests, failsEveryone: isMongoUnavailable };
}

/** Which document of the combined write belongs to which request. */
function ownersOf(sizes: readonly number[]): number[] {
  return sizes.flatMap((size, request) => Array.from({ length: size }, () => request));
}

/**
 * Unordered inserts into one collection from concurrent callers, one command for all (`CommandCoalescer`). Each
 * caller learns which of its `_id`s existed already (a duplicate key: a claim someone holds, a redelivered record).
 * Any other failure fails the combined command as it came: an outage reaches every caller at once as the driver's
 * (translated) error, never as a per-document write error read as a bad record; anything else is tried again caller
 * by caller, so only the caller whose document the server refuses fails.
 */
export class CoalescedInsert<T extends { _id: string }> {
  private readonly coalescer: CommandCoalescer<readonly T[], string[]>;

  constructor(collection: Collection<T>, maxRequests?: number) {
    this.coalescer = new CommandCoalescer(async (requests) => {
      const documents = requests.flat();
      const taken: string[][] = requests.map(() => []);
      if (documents.length === 0) return taken;
      try {
        // With `_id` required in T the driver's OptionalUnlessRequiredId<T> is T; TypeScript cannot see that here.
        await collection.insertMany(documents as mongo.OptionalUnlessRequiredId<T>[], { ordered: false });
      } catch (error) {
        const failures = duplicateKeyFailures(error);
        if (!failures) throw error;
        const owners = ownersOf(requests.map((request) => request.length));
        for (const failure of failures) taken[owners[failure.index]].push(documents[failure.index]._id);
      }
      return taken;
    }, coalescerOptions(maxRequests));
  }

  /** Inserts what is new; returns the `_id`s that already existed. */
  insert(documents: readonly T[]): Promise<string[]> {
    return documents.length === 0 ? Promise.resolve([]) : this.coalescer.submit(documents);
  }
}

export interface UpsertRequest<T extends { _id: string }> {
  filter: mongo.Filter<T>;
  update: mongo.UpdateFilter<T>;
}

/**
 * Upserts into one collection from concurrent callers, one unordered bulk write for all. An upsert whose filter
 * matched nothing but whose `_id` exists (a condition that no longer holds, or a rival's insert in between) is a
 * duplicate key: resolved `'duplicate-key'` for its caller to judge. Other failures as in `CoalescedInsert`.
 */
export class CoalescedUpsert<T extends { _id: string }> {
  private readonly coalescer: CommandCoalescer<UpsertRequest<T>, 'written' | 'duplicate-key'>;

  constructor(collection: Collection<T>, maxRequests?: number) {
    this.coalescer = new CommandCoalescer(async (requests) => {
      const outcomes: Array<'written' | 'duplicate-key'> = requests.map(() => 'written');
      try {
        await collection.bulkWrite(
          requests.map(({ filter, update }) => ({ updateOne: { filter, update, upsert: true } })),
          { ordered: false },
        );
      } catch (error) {
        const failures = duplicateKeyFailures(error);
        if (!failures) throw error;
        for (const failure of failures) outcomes[failure.index] = 'duplicate-key';
      }
      return outcomes;
    }, coalescerOptions(maxRequests));
  }

  upsert(request: UpsertRequest<T>): Promise<'written' | 'duplicate-key'> {
    return this.coalescer.submit(request);
  }
}

/**
 * Reads of the documents whose `field` equals a value, from concurrent callers, one `$in` read for all, each caller
 * given its own. For small answers only (a cursor is drained whole), on an indexed field.
 */
export class CoalescedLookup<T extends { _id: string }, K extends keyof T & string> {
  private readonly coalescer: CommandCoalescer<T[K], T[]>;

  constructor(collection: Collection<T>, field: K, maxRequests?: number) {
    this.coalescer = new CommandCoalescer(async (values) => {
      const filter = { [field]: { $in: [...new Set(values)] } } as mongo.Filter<T>;
      const found = (await collection.find(filter).toArray()) as T[];
      return values.map((value) => found.filter((document) => document[field] === value));
    }, coalescerOptions(maxRequests));
  }

  lookup(value: T[K]): Promise<T[]> {
    return this.coalescer.submit(value);
  }
}

/**
 * Reads of documents by `_id` from concurrent callers, one `$in` read for all (one projection for every caller),
 * each caller given the documents of its own ids, in no particular order; ids without a document are left out. A
 * read that waited for the command in flight runs later than asked, never earlier: it sees at least what a read of
 * its own would have.
 */
export class CoalescedFindByIds<T extends { _id: string }, R extends { _id: string } = T> {
  private readonly coalescer: CommandCoalescer<readonly string[], R[]>;

  constructor(collection: Collection<T>, projection?: mongo.Document, maxRequests?: number) {
    this.coalescer = new CommandCoalescer(async (requests) => {
      const ids = [...new Set(requests.flat())];
      const filter = { _id: { $in: ids } } as mongo.Filter<T>;
      const found = new Map(
        (await collection.find<R>(filter, projection ? { projection } : {}).toArray()).map((doc) => [doc._id, doc]),
      );
      return requests.map((request) => [...new Set(request)].flatMap((id) => found.get(id) ?? []));
    }, coalescerOptions(maxRequests));
  }

  find(ids: readonly string[]): Promise<R[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.coalescer.submit(ids);
  }
}
