import { sourceActions } from './console-view';
import {
  errorRatio,
  escapeHtml,
  formatAge,
  formatRate,
  ratePerSecond,
  rates,
  sparkline,
  type Sample,
} from './view-model';

/** What the dashboard reads of the API's answers (a structural subset; the server types are the source of truth). */
export interface TopicRow {
  topic: string;
  partitions: Array<{ partition: number; low: number; high: number }>;
  endOffsetTotal: number;
}
export interface GroupRow {
  group: string;
  topic: string;
  partitions: Array<{ partition: number; endOffset: number; committedOffset: number | null; lag: number }>;
  totalLag: number;
}
export interface DeadLetterTopicRow {
  topic: string;
  originalTopic: string | null;
  group: string | null;
  total: number;
  pending: number;
}
export interface DeadLetterRow {
  partition: number;
  offset: string;
  error: string | null;
  kind: string | null;
  originalTopic: string | null;
  originalOffset: string | null;
  attempts: number | null;
  replayCount: number;
  failedAt: string | null;
  payloadPreview: string;
}
export interface ServiceRow {
  name: string;
  url: string;
  status: 'up' | 'down' | 'unreachable';
  error: string | null;
  health: { checks: Record<string, { status: string; detail?: string }> } | null;
  figures: { produced: number; consumed: number; failed: number; deadLettered: number } | null;
}
export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  url: string;
  enabled: boolean;
  parked: boolean;
  status: {
    lastFetchAt: string | null;
    lastSuccessAt: string | null;
    consecutiveErrors: number;
    lastError: string | null;
    itemsPublished: number;
  };
}
export interface ArticleRow {
  id: string;
  title: string;
  source: { id: string; name: string };
  language: string;
  storedAt: string;
  entities: Array<{ name: string; type: string; salience: number }>;
}

export interface Histories {
  topics: Map<string, Sample[]>;
  lag: Map<string, Sample[]>;
  services: Map<string, { consumed: Sample[]; produced: Sample[]; failed: Sample[] }>;
}

const empty = (columns: number, text: string) =>
  `<tr><td colspan="${columns}" class="muted">${escapeHtml(text)}</td></tr>`;

/** A table's one row when its figures could not be read: what is unknown and why (not an empty, all-clear table). */
export function unreachableRow(columns: number, reason: string): string {
  return `<tr data-unreachable><td colspan="${columns}" class="error">unreachable: ${escapeHtml(reason)}</td></tr>`;
}

export function renderTopics(topics: TopicRow[], histories: Histories): string {
  const rows = topics.map((topic) => {
    const history = histories.topics.get(topic.topic) ?? [];
    const partitions = topic.partitions.map((p) => `<span class="chip">p${p.partition}: ${p.high}</span>`).join(' ');
    return (
      `<tr data-topic="${escapeHtml(topic.topic)}"><td class="mono">${escapeHtml(topic.topic)}</td>` +
      `<td>${topic.partitions.length}</td><td>${partitions}</td>` +
      `<td class="num" data-field="end-offsets">${topic.endOffsetTotal}</td>` +
      `<td class="num" data-field="rate">${formatRate(ratePerSecond(history))}</td>` +
      `<td>${sparkline(rates(history))}</td></tr>`
    );
  });
  return rows.join('') || empty(6, 'no topics');
}

export function renderGroups(groups: GroupRow[], histories: Histories): string {
  const rows = groups.map((group) => {
    const key = `${group.group} ${group.topic}`;
    const history = histories.lag.get(key) ?? [];
    const partitions = group.partitions
      .map((p) => `<span class="chip${p.lag > 0 ? ' warn' : ''}">p${p.partition}: ${p.lag}</span>`)
      .join(' ');
    return (
      `<tr data-group="${escapeHtml(key)}"><td class="mono">${escapeHtml(group.group)}</td>` +
      `<td class="mono">${escapeHtml(group.topic)}</td><td>${partitions}</td>` +
      `<td class="num" data-field="lag">${group.totalLag}</td>` +
      `<td>${sparkline(history.map((sample) => sample.v))}</td></tr>`
    );
  });
  return rows.join('') || empty(5, 'no consumer groups');
}

export function renderDeadLetterTopics(topics: DeadLetterTopicRow[], expanded: ReadonlySet<string>): string {
  const rows = topics.map((topic) => {
    const open = expanded.has(topic.topic);
    return (
      `<tr data-dlq="${escapeHtml(topic.topic)}"><td class="mono">${escapeHtml(topic.topic)}</td>` +
      `<td class="num${topic.pending > 0 ? ' bad' : ''}" data-field="pending">${topic.pending}</td>` +
      `<td class="num">${topic.total}</td><td>` +
      `<button data-action="toggle" data-topic="${escapeHtml(topic.topic)}">${open ? 'Hide' : 'Show'}</button> ` +
      `<button data-action="replay-all" data-topic="${escapeHtml(topic.topic)}"${topic.pending === 0 ? ' disabled' : ''}>` +
      `Replay all</button></td></tr>`
    );
  });
  return rows.join('') || empty(4, 'no dead-letter topics');
}

export function renderDeadLetters(topic: string, messages: DeadLetterRow[], now: number): string {
  if (messages.length === 0) return `<p class="muted">No pending dead letters on ${escapeHtml(topic)}.</p>`;
  const rows = messages.map(
    (m) =>
      `<tr data-offset="${escapeHtml(m.offset)}"><td class="mono">${m.partition}:${escapeHtml(m.offset)}</td>` +
      `<td>${escapeHtml(m.kind ?? '')}</td><td class="error">${escapeHtml(m.error ?? '')}</td>` +
      `<td class="mono">${escapeHtml(m.originalTopic ?? '')}@${escapeHtml(m.originalOffset ?? '?')}</td>` +
      `<td>${m.attempts ?? ''}${m.replayCount ? ` (replayed ${m.replayCount}×)` : ''}</td>` +
      `<td>${formatAge(m.failedAt, now)}</td>` +
      `<td><code class="preview">${escapeHtml(m.payloadPreview)}</code></td>` +
      `<td><button data-action="replay" data-topic="${escapeHtml(topic)}" data-partition="${m.partition}" ` +
      `data-offset="${escapeHtml(m.offset)}">Replay</button> <button data-action="discard" ` +
      `data-topic="${escapeHtml(topic)}" data-partition="${m.partition}" data-offset="${escapeHtml(m.offset)}">` +
      `Discard</button></td></tr>`,
  );
  return (
    `<table class="inner"><thead><tr><th>position</th><th>kind</th><th>error</th><th>from</th><th>attempts</th>` +
    `<th>failed</th><th>payload</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

export function renderServices(services: ServiceRow[], histories: Histories): string {
  return services
    .map((service) => {
      const history = histories.services.get(service.name);
      const consumed = history ? ratePerSecond(history.consumed) : 0;
      const produced = history ? ratePerSecond(history.produced) : 0;
      const failed = history ? ratePerSecond(history.failed) : 0;
      const ratio = errorRatio(failed, consumed);
      const failing = Object.entries(service.health?.checks ?? {})
        .filter(([, check]) => check.status !== 'up')
        .map(([name, check]) => `${name}: ${check.detail ?? check.status}`);
      const detail = service.status === 'up' ? '' : (service.error ?? failing.join('; '));
      return (
        `<div class="card ${service.status}" data-service="${escapeHtml(service.name)}">` +
        `<div class="card-title">${escapeHtml(service.name)} <span class="badge ${service.status}" data-field="status">` +
        `${service.status === 'up' ? 'up' : 'DOWN'}</span></div>` +
        (service.status === 'unreachable'
          ? `<div class="muted">unreachable at ${escapeHtml(service.url)}</div>`
          : `<div>in ${formatRate(consumed)} · out ${formatRate(produced)} · errors ${formatRate(failed)} ` +
            `(${(ratio * 100).toFixed(1)}%)</div>` +
            `<div>${sparkline(history ? rates(history.consumed) : [], 160, 24)}</div>`) +
        (detail ? `<div class="error">${escapeHtml(detail)}</div>` : '') +
        `</div>`
      );
    })
    .join('');
}

export function renderSources(sources: SourceRow[], now: number): string {
  const rows = sources.map((source) => {
    const state = source.parked ? 'parked' : source.enabled ? 'active' : 'paused';
    return (
      `<tr data-source="${escapeHtml(source.id)}"><td>${escapeHtml(source.name)}</td><td>${escapeHtml(source.kind)}</td>` +
      `<td><span class="badge ${state === 'active' ? 'up' : 'down'}">${state}</span></td>` +
      `<td>${formatAge(source.status.lastFetchAt, now)}</td><td>${formatAge(source.status.lastSuccessAt, now)}</td>` +
      `<td class="num">${source.status.itemsPublished}</td>` +
      `<td class="num${source.status.consecutiveErrors > 0 ? ' bad' : ''}">${source.status.consecutiveErrors}</td>` +
      `<td class="error">${escapeHtml(source.status.lastError ?? '')}</td><td>${sourceActions(source)}</td></tr>`
    );
  });
  return rows.join('') || empty(9, 'no sources');
}

export function renderArticles(articles: ArticleRow[], now: number): string {
  const rows = articles.map((article) => {
    const entities = [...article.entities]
      .sort((a, b) => b.salience - a.salience)
      .slice(0, 3)
      .map((entity) => `<span class="chip">${escapeHtml(entity.name)}</span>`)
      .join(' ');
    return (
      `<tr data-article="${escapeHtml(article.id)}"><td>${formatAge(article.storedAt, now)}</td>` +
      `<td>${escapeHtml(article.source.name || article.source.id)}</td><td>${escapeHtml(article.language)}</td>` +
      `<td><a href="#article/${encodeURIComponent(article.id)}">${escapeHtml(article.title)}</a></td>` +
      `<td>${entities}</td></tr>`
    );
  });
  return rows.join('') || empty(5, 'no articles yet');
}
