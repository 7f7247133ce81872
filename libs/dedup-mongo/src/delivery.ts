import type { FingerprintRecord } from './fingerprint-records';

/** One delivery of an article candidate: the raw document it was split from, and the text it carries. */
export interface Delivery {
  rawDocumentId: string;
  contentHash: string;
}

/** What the index holds for the candidate's article id: the fingerprint of an earlier delivery. */
export type PriorDelivery = Pick<FingerprintRecord, 'contentHash' | 'rawDocumentId'>;

/** How a delivery stands to what the index holds for its article id. */
export interface DeliveryPlan {
  /** the key its standing decision is recorded under (`FingerprintStore.findDecision`), when one is */
  decisionKey: string;
  /** the raw document a decision taken now is recorded for, and the article's fingerprint tagged with */
  document: string;
  /**
   * The indexed fingerprint is this document's own earlier attempt (the same raw document, or the same text): its
   * recorded decision stands; with none recorded, that attempt crashed (or is under way on another replica) and the
   * document is decided again at the attempt's time, never against itself.
   */
  repeatsPrior: boolean;
}

/**
 * The key a fingerprint's decision is recorded under: the raw document it was decided for. Fingerprints indexed
 * before decisions were keyed by document have none: theirs is under their text's hash.
 */
export function decisionKeyOf(prior: PriorDelivery): string {
  return prior.rawDocumentId ?? prior.contentHash;
}

/**
 * Which decision a delivery gets. A document is decided once, whatever text it arrives with: the splitter's output
 * for one raw document is not a pure function of it (plain-text dumps drop the lines it has learned to be a
 * source's boilerplate, and a killed splitter forgets up to 5 s of learning), so a document split again after a
 * crash can carry another text under the same article id. Taken for an edit, it was judged against its own
 * first text as an update, and an article whose first text had been a duplicate was then stored as an article too
 * (the resilience run's "stored twice"). The same text arriving in another document (a feed re-fetched for
 * other items) repeats its decision too. Only another document with another text is an edit, decided anew.
 */
export function planDelivery(prior: PriorDelivery | null, delivery: Delivery): DeliveryPlan {
  const { rawDocumentId, contentHash } = delivery;
  if (prior === null || (prior.rawDocumentId !== rawDocumentId && prior.contentHash !== contentHash)) {
    return { decisionKey: rawDocumentId, document: rawDocumentId, repeatsPrior: false };
  }
  return { decisionKey: decisionKeyOf(prior), document: prior.rawDocumentId ?? rawDocumentId, repeatsPrior: true };
}
