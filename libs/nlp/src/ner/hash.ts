const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a hash over more text: `extend(fnv1a(a), b) === fnv1a(a + b)`, without building `a + b`. */
export function extend(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units: features are hashed so the model needs no vocabulary table. */
export function fnv1a(text: string): number {
  return extend(FNV_OFFSET, text);
}

/**
 * The same feature seen in one language only: a multilingual model keeps, beside each shared weight, one per
 * trained language (Daumé's feature augmentation), so what holds across languages and what holds in one are
 * learnt apart. A language the model was not trained on is tagged with the shared weights alone.
 */
export function languageFeature(hash: number, language: string): number {
  return extend(extend(hash, '@'), language);
}
