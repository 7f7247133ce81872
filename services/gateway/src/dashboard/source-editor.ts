/**
 * One source's detail and edit form on the console, as pure functions (no DOM, no fetch): what it shows of
 * `GET /api/sources/:id`, and the `PATCH /api/sources/:id` body the form's values make (only what changed).
 */
import { escapeHtml } from './view-model';

/** What the editor reads of a source (a structural subset of the API's SourceView). */
export interface SourceDetailRow {
  id: string;
  name: string;
  kind: string;
  url: string;
  fullText: boolean;
  pollIntervalSeconds: number | null;
  minIntervalSeconds: number | null;
  maxIntervalSeconds: number | null;
  maxItemsPerRun: number | null;
  backoffMaxSeconds: number | null;
  status: {
    itemsSeen: number;
    itemsPublished: number;
    intervalSeconds?: number | null;
    lastNotice?: string | null;
  };
}

/** The numeric fields the form edits; empty means null, the default. */
export type SourceNumberField =
  'pollIntervalSeconds' | 'minIntervalSeconds' | 'maxIntervalSeconds' | 'maxItemsPerRun' | 'backoffMaxSeconds';

interface NumberInput {
  field: SourceNumberField;
  label: string;
  /** what an empty field means */
  empty: string;
  /** source kinds the field applies to */
  kinds: readonly string[];
}

const HTTP_KINDS = ['feed', 'page', 'sitemap'];

export const SOURCE_NUMBER_INPUTS: readonly NumberInput[] = [
  {
    field: 'pollIntervalSeconds',
    label: 'fixed interval (s)',
    empty: 'adaptive',
    kinds: ['feed', 'page', 'sitemap', 'drop'],
  },
  { field: 'minIntervalSeconds', label: 'min interval (s)', empty: 'fetcher default', kinds: HTTP_KINDS },
  { field: 'maxIntervalSeconds', label: 'max interval (s)', empty: 'fetcher default', kinds: HTTP_KINDS },
  {
    field: 'maxItemsPerRun',
    label: 'max items per poll',
    empty: 'fetcher default',
    kinds: ['feed', 'sitemap', 'drop'],
  },
  {
    field: 'backoffMaxSeconds',
    label: 'max backoff (s)',
    empty: 'fetcher default',
    kinds: ['feed', 'page', 'sitemap', 'drop'],
  },
];

/** The source's detail and its edit form (fields its kind has no use for are left out). */
export function renderSourceEditor(source: SourceDetailRow): string {
  const id = escapeHtml(source.id);
  const chosen = source.status.intervalSeconds;
  const facts =
    `<p class="mono">${escapeHtml(source.kind)} · ${escapeHtml(source.url)}</p>` +
    `<p data-field="source-facts">${source.status.itemsSeen} seen · ${source.status.itemsPublished} published · ` +
    `interval the last run chose: ${chosen == null ? '–' : `${chosen} s`}</p>` +
    (source.status.lastNotice ? `<p class="muted">${escapeHtml(source.status.lastNotice)}</p>` : '');
  const numbers = SOURCE_NUMBER_INPUTS.filter((input) => input.kinds.includes(source.kind))
    .map((input) => {
      const value = source[input.field];
      return (
        `<label>${input.label}<input name="${input.field}" type="number" min="1" step="1" ` +
        `value="${value === null ? '' : value}" placeholder="${input.empty}" /></label>`
      );
    })
    .join('');
  const fullText =
    source.kind === 'feed'
      ? `<label><input name="fullText" type="checkbox"${source.fullText ? ' checked' : ''} /> full text</label>`
      : '';
  return (
    `<h3>${escapeHtml(source.name)} <span class="muted mono">${id}</span></h3>${facts}` +
    `<form id="source-edit-form" class="tools" data-source-id="${id}" autocomplete="off">` +
    `<label>name<input name="name" required value="${escapeHtml(source.name)}" /></label>` +
    `${numbers}${fullText}<button type="submit">Save</button>` +
    `<button type="button" data-action="source-edit-close" data-source-id="${id}">Close</button>` +
    `<span class="error" data-field="source-edit-error"></span></form>` +
    `<p class="muted">Empty: the default. A fixed interval wins over the min/max interval, which bound the adaptive ` +
    `one. Seen items, validators and counters are kept.</p>`
  );
}

/** The form's values as read from the page: text inputs by name, the full-text checkbox as a boolean. */
export type SourceFormValues = Partial<Record<SourceNumberField | 'name', string>> & { fullText?: boolean };

/** The PATCH body of what the form changed, or what is wrong with it (named by field). */
export function sourceEditBody(
  source: SourceDetailRow,
  values: SourceFormValues,
): { body: Record<string, unknown> } | { error: string } {
  const body: Record<string, unknown> = {};
  const problems: string[] = [];
  const name = values.name?.trim();
  if (name !== undefined && name !== source.name) {
    if (name === '') problems.push('name: must not be empty');
    else body.name = name;
  }
  for (const { field } of SOURCE_NUMBER_INPUTS) {
    const text = values[field]?.trim();
    if (text === undefined) continue;
    if (text !== '' && !/^[1-9][0-9]{0,8}$/.test(text)) {
      problems.push(`${field}: "${text}" is not a whole number above 0 (empty for the default)`);
      continue;
    }
    const value = text === '' ? null : Number(text);
    if (value !== source[field]) body[field] = value;
  }
  if (values.fullText !== undefined && values.fullText !== source.fullText) body.fullText = values.fullText;
  if (problems.length > 0) return { error: problems.join('; ') };
  if (Object.keys(body).length === 0) return { error: 'nothing changed' };
  return { body };
}
