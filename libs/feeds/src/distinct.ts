/** Trimmed, non-empty, first occurrence kept: categories and authors repeat across namespaces. */
export function distinctTexts(values: Array<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const text = value?.replace(/\s+/g, ' ').trim();
    if (text) seen.add(text);
  }
  return [...seen];
}
