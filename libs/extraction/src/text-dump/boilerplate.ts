import { foldForComparison } from '../text-normalise';

/**
 * What has been learned about one source's recurring lines. Plain JSON, so the splitter service can persist it
 * per source between documents; this module never stores it.
 */
export interface BoilerplateState {
  /** How many documents of the source have been seen. */
  documents: number;
  /** Folded line → number of distinct documents it appeared in. */
  lineCounts: Record<string, number>;
}

export interface BoilerplateOptions {
  /** A line is boilerplate once it appeared in at least this many documents. */
  minDocuments?: number;
  /** Longer lines are never boilerplate: a long paragraph seen again is a republished article, not chrome. */
  maxLineLength?: number;
  /** Bound on remembered lines; the rarest are forgotten first. */
  maxLines?: number;
}

export interface BoilerplateUpdate {
  state: BoilerplateState;
  /** Folded lines to drop from this document (pass to splitText as `dropLines`). */
  drop: Set<string>;
}

export function emptyBoilerplateState(): BoilerplateState {
  return { documents: 0, lineCounts: {} };
}

/**
 * Learns the lines a source repeats across documents (footers, share prompts, newsletter plugs) from one more
 * document's lines. Pure: returns the next state and the lines of this document to drop; the input is untouched.
 * Copies the state, so it costs as much as the state is large: a long-lived learner uses `recordBoilerplate`.
 */
export function learnBoilerplate(
  previous: BoilerplateState,
  lines: readonly string[],
  options: BoilerplateOptions = {},
): BoilerplateUpdate {
  const state = { documents: previous.documents, lineCounts: { ...previous.lineCounts } };
  const drop = recordBoilerplate(state, lines, options);
  return { state, drop };
}

/**
 * `learnBoilerplate` in place: adds one more document's lines to `state` (mutated) and returns the lines to drop.
 * Its cost follows the document, not the state: past `maxLines` the rarest lines are forgotten in batches (once a
 * quarter more have piled up), not on every document; a state at its bound otherwise cost a copy and a sort of
 * thousands of lines per document.
 */
export function recordBoilerplate(
  state: BoilerplateState,
  lines: readonly string[],
  options: BoilerplateOptions = {},
): Set<string> {
  const minDocuments = options.minDocuments ?? 3;
  const maxLineLength = options.maxLineLength ?? 200;
  const maxLines = options.maxLines ?? 5000;
  const keys = new Set<string>();
  for (const line of lines) {
    const key = foldForComparison(line);
    if (key !== '' && key.length <= maxLineLength) keys.add(key);
  }
  const counts = state.lineCounts;
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  const drop = new Set([...keys].filter((key) => counts[key] >= minDocuments));
  state.documents += 1;
  if (Object.keys(counts).length > maxLines + Math.ceil(maxLines / 4)) {
    state.lineCounts = prune(counts, maxLines);
  }
  return drop;
}

function prune(counts: Record<string, number>, maxLines: number): Record<string, number> {
  const entries = Object.entries(counts);
  if (entries.length <= maxLines) return counts;
  // Stable order (count desc, then key) keeps pruning deterministic for the same history.
  entries.sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : 1));
  return Object.fromEntries(entries.slice(0, maxLines));
}

/**
 * Adds what two learners saw independently (two splitter replicas, or a replica's unsaved learning and the stored
 * state): counts add up, so merging is commutative and associative, and the order of flushes never matters.
 */
export function mergeBoilerplateStates(
  a: BoilerplateState,
  b: BoilerplateState,
  options: Pick<BoilerplateOptions, 'maxLines'> = {},
): BoilerplateState {
  const lineCounts: Record<string, number> = { ...a.lineCounts };
  for (const [key, count] of Object.entries(b.lineCounts)) lineCounts[key] = (lineCounts[key] ?? 0) + count;
  return { documents: a.documents + b.documents, lineCounts: prune(lineCounts, options.maxLines ?? 5000) };
}
