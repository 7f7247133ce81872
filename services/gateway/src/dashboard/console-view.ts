/**
 * The operator's console as pure functions (no DOM, no fetch): the topic browser, the article page with its trace,
 * source management rows, and the server-side history turned into the charts' series. The browser script in
 * services/gateway/dashboard wires them to the page.
 */
import type { Histories } from './render';
import type { MessagePage, MessageView, StageTrace } from '../topics/topic-views';
import { escapeHtml, formatAge, type Sample } from './view-model';

/** What the console reads of the API's answers (structural subsets; the server types are the source of truth). */
export interface HistoryRows {
  intervalMs: number;
  times: number[];
  series: Record<string, Array<number | null>>;
}
export interface ArticleDetail {
  id: string;
  traceId: string;
  title: string;
  url: string | null;
  canonicalUrl: string | null;
  source: { id: string; name: string };
  language: string;
  byline: string | null;
  summary?: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  fetchedAt: string;
  storedAt: string;
  updatedAt: string;
  version: number;
  clusterId: string;
  provenance: { rawDocumentId: string; traceId: string };
  duplicates: Array<{ id: string; url: string | null; source: { name: string }; similarity: number; method: string }>;
}
export interface ClusterDetail {
  articles: Array<{ id: string; title: string; source: { name: string }; storedAt: string }>;
  duplicates: Array<{ id: string; url: string | null; duplicateOf: string; title: string }>;
}

/** Series of the server's history (`GET /api/history`) as the charts draw them; gaps (null) are left out. */
export function historiesFrom(history: HistoryRows): Histories {
  const histories: Histories = { topics: new Map(), lag: new Map(), services: new Map() };
  const samples = (values: Array<number | null>): Sample[] =>
    values.flatMap((v, index) => (v === null ? [] : [{ t: history.times[index], v }]));
  for (const [name, values] of Object.entries(history.series)) {
    const space = name.indexOf(' ');
    const kind = name.slice(0, space);
    const subject = name.slice(space + 1);
    if (kind === 'topic-end') histories.topics.set(subject, samples(values));
    else if (kind === 'lag') histories.lag.set(subject, samples(values));
    else if (kind === 'consumed' || kind === 'produced' || kind === 'failed') {
      const service = histories.services.get(subject) ?? { consumed: [], produced: [], failed: [] };
      service[kind] = samples(values);
      histories.services.set(subject, service);
    }
  }
  return histories;
}

/** `<option>`s of a select, the current value selected. */
export function renderOptions(values: Array<{ value: string; label: string }>, selected: string): string {
  return values
    .map(
      ({ value, label }) =>
        `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
}

const STOP_REASONS: Record<MessagePage['stoppedBecause'], string> = {
  end: 'reached the end of the partition',
  matches: 'page full',
  'scan-limit': 'read the most one page may read',
  deadline: 'ran out of time',
};

function prettyValue(message: MessageView): string {
  if (message.json !== null) return JSON.stringify(message.json, null, 2);
  return message.text ?? '(no value)';
}

/** One partition page: where it read, why it stopped, and each message with key, headers and pretty JSON. */
export function renderMessagePage(page: MessagePage): string {
  const more = page.stoppedBecause !== 'end';
  const summary =
    `<p class="muted" data-field="browse-summary">${escapeHtml(page.topic)} p${page.partition} ` +
    `(offsets ${escapeHtml(page.low)}–${escapeHtml(page.high)}): read ${page.scanned} from ${escapeHtml(page.start)}, ` +
    `${page.messages.length} shown; ${STOP_REASONS[page.stoppedBecause]}. ` +
    `<button type="button" data-action="browse-next" data-offset="${escapeHtml(page.nextOffset)}"` +
    `${more ? '' : ' disabled'}>Next page</button></p>`;
  if (page.messages.length === 0) return `${summary}<p class="muted">No message matched.</p>`;
  const items = page.messages.map((message) => {
    const headers = Object.entries(message.headers)
      .map(
        ([name, value]) =>
          `<tr><th class="mono">${escapeHtml(name)}</th><td class="mono">${escapeHtml(value)}</td></tr>`,
      )
      .join('');
    return (
      `<details class="message" data-offset="${escapeHtml(message.offset)}"><summary>` +
      `<span class="mono">${message.partition}:${escapeHtml(message.offset)}</span> ` +
      `<span class="muted">${escapeHtml(message.timestamp)}</span> ` +
      `key <span class="mono" data-field="key">${escapeHtml(message.key ?? '(none)')}</span> ` +
      `<span class="muted">${message.bytes} B${message.truncated ? ', cut' : ''}</span></summary>` +
      `<table class="headers"><tbody>${headers || '<tr><td class="muted">no headers</td></tr>'}</tbody></table>` +
      `<pre class="json">${escapeHtml(prettyValue(message))}</pre></details>`
    );
  });
  return summary + items.join('');
}

function time(label: string, iso: string | null, now: number): string {
  return iso
    ? `<tr><th>${label}</th><td>${escapeHtml(iso)} <span class="muted">(${formatAge(iso, now)})</span></td></tr>`
    : `<tr><th>${label}</th><td class="muted">unknown</td></tr>`;
}

/** The article page: what was stored, when each stage's time was recorded, its story and its copies. */
export function renderArticle(article: ArticleDetail, cluster: ClusterDetail | null, now: number): string {
  const link = (url: string | null) =>
    url ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener" target="_blank">${escapeHtml(url)}</a>` : '';
  const related = (cluster?.articles ?? []).filter((other) => other.id !== article.id);
  const copies = [
    ...article.duplicates.map(
      (d) =>
        `<li data-duplicate="${escapeHtml(d.id)}">${escapeHtml(d.source.name)} ${link(d.url)} ` +
        `<span class="muted">${escapeHtml(d.method)}, similarity ${d.similarity.toFixed(2)}</span></li>`,
    ),
    ...(cluster?.duplicates ?? [])
      .filter((d) => !article.duplicates.some((own) => own.id === d.id))
      .map(
        (d) =>
          `<li data-duplicate="${escapeHtml(d.id)}">${escapeHtml(d.title)} ${link(d.url)} ` +
          `<span class="muted">copy of ${escapeHtml(d.duplicateOf)}</span></li>`,
      ),
  ];
  return (
    `<h2 data-field="article-title">${escapeHtml(article.title)}</h2>` +
    `<p>${escapeHtml(article.source.name || article.source.id)} · ${escapeHtml(article.language)}` +
    `${article.byline ? ` · ${escapeHtml(article.byline)}` : ''} · ${link(article.canonicalUrl ?? article.url)}</p>` +
    (article.summary ? `<p class="muted">${escapeHtml(article.summary)}</p>` : '') +
    `<table class="facts"><tbody>` +
    `<tr><th>id</th><td class="mono">${escapeHtml(article.id)}</td></tr>` +
    `<tr><th>trace id</th><td class="mono" data-field="trace-id">${escapeHtml(article.traceId)}</td></tr>` +
    `<tr><th>raw document</th><td class="mono">${escapeHtml(article.provenance.rawDocumentId)}</td></tr>` +
    `<tr><th>version</th><td data-field="version">${article.version} <span class="muted">(the store keeps the ` +
    `latest; each version was published on news.clean.v1, see the trace)</span></td></tr>` +
    time('published', article.publishedAt, now) +
    time('modified', article.modifiedAt, now) +
    time('fetched', article.fetchedAt, now) +
    time('first stored', article.storedAt, now) +
    time('last changed', article.updatedAt, now) +
    `<tr><th>story</th><td class="mono">${escapeHtml(article.clusterId)}</td></tr></tbody></table>` +
    `<h3>Duplicates (${copies.length})</h3>` +
    (copies.length ? `<ul data-field="duplicates">${copies.join('')}</ul>` : '<p class="muted">none recorded</p>') +
    `<h3>Same story (${related.length})</h3>` +
    (related.length
      ? `<ul>${related
          .map(
            (other) =>
              `<li><a href="#article/${encodeURIComponent(other.id)}">${escapeHtml(other.title)}</a> ` +
              `<span class="muted">${escapeHtml(other.source.name)}, ${formatAge(other.storedAt, now)}</span></li>`,
          )
          .join('')}</ul>`
      : '<p class="muted">no other article of this story</p>') +
    `<h3>Trace through the stages</h3><div id="article-trace"><p class="muted">reading the topics…</p></div>`
  );
}

/**
 * Each stage's messages for the article (topic, partition, offset, broker time), each opening in the topic browser.
 * Not span-level tracing: offsets and broker times are what Kafka itself records.
 */
export function renderTrace(stages: StageTrace[]): string {
  const rows = stages.map((stage) => {
    const found = stage.messages
      .map(
        (m) =>
          `<button type="button" data-action="browse-at" data-topic="${escapeHtml(stage.topic)}" ` +
          `data-partition="${m.partition}" data-offset="${escapeHtml(m.offset)}" class="mono">` +
          `p${m.partition}:${escapeHtml(m.offset)}</button> <span class="muted">${escapeHtml(m.timestamp)}</span>`,
      )
      .join('<br>');
    const missing =
      stage.stoppedBecause === 'end'
        ? 'not found'
        : `not found in the ${stage.scanned} messages read (${STOP_REASONS[stage.stoppedBecause]})`;
    return (
      `<tr data-stage="${escapeHtml(stage.stage)}"><td>${escapeHtml(stage.stage)}</td>` +
      `<td class="mono">${escapeHtml(stage.topic)}</td><td data-field="found">${found || `<span class="muted">${missing}</span>`}</td></tr>`
    );
  });
  return (
    `<table><thead><tr><th>stage</th><th>topic</th><th>messages (partition:offset, broker time)</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    `<p class="muted">Found on each stage's topic by article id (by trace id on the raw topic), from a minute ` +
    `before the fetch on. Offsets and broker times only: span-level tracing is not shown here.</p>`
  );
}

/** Pause/resume/remove for one source: what an operator with the admin token can do to it. */
export function sourceActions(source: { id: string; enabled: boolean; parked: boolean }): string {
  const id = escapeHtml(source.id);
  const toggle =
    source.enabled && !source.parked
      ? `<button type="button" data-action="source-pause" data-source-id="${id}">Pause</button>`
      : `<button type="button" data-action="source-resume" data-source-id="${id}">Resume</button>`;
  return (
    `<button type="button" data-action="source-edit" data-source-id="${id}">Edit</button> ${toggle} ` +
    `<button type="button" data-action="source-remove" data-source-id="${id}">Remove</button>`
  );
}

/** The summary of an OPML import (`POST /api/sources/import`), refusals with their reasons. */
export function renderImportSummary(summary: {
  added: number;
  existing: number;
  refused: Array<{ url: string; reason: string }>;
}): string {
  const refused = summary.refused
    .map((r) => `<li><span class="mono">${escapeHtml(r.url)}</span>: ${escapeHtml(r.reason)}</li>`)
    .join('');
  return (
    `<p data-field="import-summary">${summary.added} added · ${summary.existing} already there · ` +
    `${summary.refused.length} refused</p>${refused ? `<ul class="error">${refused}</ul>` : ''}`
  );
}
