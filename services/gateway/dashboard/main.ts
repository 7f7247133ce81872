// The operators' dashboard in the browser: polls the gateway's API every 2 s and redraws. Bundled by esbuild when
// the gateway starts (src/dashboard/dashboard-assets.ts); the markup comes from the pure functions in src/dashboard.
import {
  renderArticles,
  renderDeadLetters,
  renderDeadLetterTopics,
  renderGroups,
  renderServices,
  renderSources,
  renderTopics,
  unreachableRow,
  type ArticleRow,
  type DeadLetterRow,
  type DeadLetterTopicRow,
  type GroupRow,
  type Histories,
  type ServiceRow,
  type SourceRow,
  type TopicRow,
} from '../src/dashboard/render';
import { escapeHtml, pushSample } from '../src/dashboard/view-model';

const POLL_MS = 2_000;
const SOURCES_POLL_MS = 10_000;
const REQUEST_TIMEOUT_MS = 8_000;

interface Stats {
  generatedAt: string;
  /** Parts the gateway could not read in time (Kafka or MongoDB down), each with why. */
  unreachable: { offsets?: string; deadLetters?: string; articles?: string };
  topics: TopicRow[];
  groups: GroupRow[];
  deadLetters: DeadLetterTopicRow[];
  articles: { stored: number; duplicates: number } | null;
}

const histories: Histories = { topics: new Map(), lag: new Map(), services: new Map() };
const expanded = new Set<string>();
let lastSourcesAt = 0;

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from the page`);
  return element;
};

function tokenInput(id: string): HTMLInputElement {
  const input = byId(id) as HTMLInputElement;
  input.value = localStorage.getItem(`inkstream.${id}`) ?? '';
  input.addEventListener('change', () => localStorage.setItem(`inkstream.${id}`, input.value.trim()));
  return input;
}

// Tokens are kept in this browser only; the form exists for password managers, never submits.
byId('tokens').addEventListener('submit', (event) => event.preventDefault());
const readToken = tokenInput('read-token');
const adminToken = tokenInput('admin-token');

async function api<T>(path: string, init: RequestInit = {}, admin = false): Promise<T> {
  const token = (admin ? adminToken.value : readToken.value || adminToken.value).trim();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body) headers['Content-Type'] = 'application/json';
  // Bounded: a request the gateway cannot answer (a dependency down) fails instead of freezing the page.
  const response = await fetch(path, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok) throw new Error(`${response.status}: ${body?.message ?? response.statusText}`);
  return body as T;
}

function say(text: string, bad = false): void {
  const status = byId('status');
  status.textContent = text;
  status.className = bad ? 'bad' : '';
}

function recordHistory(stats: Stats, services: ServiceRow[]): void {
  const t = Date.parse(stats.generatedAt);
  for (const topic of stats.topics) {
    const history = histories.topics.get(topic.topic) ?? [];
    histories.topics.set(topic.topic, pushSample(history, { t, v: topic.endOffsetTotal }, { counter: true }));
  }
  for (const group of stats.groups) {
    const key = `${group.group} ${group.topic}`;
    histories.lag.set(key, pushSample(histories.lag.get(key) ?? [], { t, v: group.totalLag }, { counter: false }));
  }
  const now = Date.now();
  for (const service of services) {
    const previous = histories.services.get(service.name) ?? { consumed: [], produced: [], failed: [] };
    if (!service.figures) continue;
    histories.services.set(service.name, {
      consumed: pushSample(previous.consumed, { t: now, v: service.figures.consumed }, { counter: true }),
      produced: pushSample(previous.produced, { t: now, v: service.figures.produced }, { counter: true }),
      failed: pushSample(previous.failed, { t: now, v: service.figures.failed }, { counter: true }),
    });
  }
}

async function refreshDeadLetters(stats: Stats, now: number): Promise<void> {
  if (stats.unreachable.deadLetters) {
    byId('dead-letter-topics').innerHTML = unreachableRow(4, stats.unreachable.deadLetters);
    byId('dead-letter-messages').innerHTML = '';
    return;
  }
  byId('dead-letter-topics').innerHTML = renderDeadLetterTopics(stats.deadLetters, expanded);
  const details = await Promise.all(
    [...expanded].map(async (topic) => {
      const list = await api<{ messages: DeadLetterRow[] }>(`/api/dead-letters/${encodeURIComponent(topic)}`);
      return `<h3 class="mono">${escapeHtml(topic)}</h3>${renderDeadLetters(topic, list.messages, now)}`;
    }),
  );
  byId('dead-letter-messages').innerHTML = details.join('');
}

async function refresh(): Promise<void> {
  const now = Date.now();
  const [stats, services, articles] = await Promise.all([
    api<Stats>('/api/stats'),
    api<{ services: ServiceRow[] }>('/api/services'),
    // The latest articles come straight from MongoDB: with it down, the rest of the page still updates.
    api<{ items: ArticleRow[] }>('/api/articles?limit=10').then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, unreachable: error.message }),
    ),
  ]);
  recordHistory(stats, services.services);
  const { offsets: offsetsUnreachable, articles: countsUnreachable } = stats.unreachable;
  byId('topics').innerHTML = offsetsUnreachable
    ? unreachableRow(6, offsetsUnreachable)
    : renderTopics(stats.topics, histories);
  byId('groups').innerHTML = offsetsUnreachable
    ? unreachableRow(5, offsetsUnreachable)
    : renderGroups(stats.groups, histories);
  byId('services').innerHTML = renderServices(services.services, histories);
  byId('articles').innerHTML = articles.ok
    ? renderArticles(articles.value.items, now)
    : unreachableRow(5, articles.unreachable);
  byId('article-counts').textContent = stats.articles
    ? `${stats.articles.stored} stored · ${stats.articles.duplicates} duplicates`
    : `counts unreachable: ${countsUnreachable ?? 'unknown'}`;
  await refreshDeadLetters(stats, now);
  if (now - lastSourcesAt >= SOURCES_POLL_MS) {
    lastSourcesAt = now;
    const sources = await api<{ sources: SourceRow[] }>('/api/sources').catch(() => ({ sources: [] }));
    byId('sources').innerHTML = renderSources(sources.sources, now);
  }
  byId('updated').textContent = `updated ${new Date(now).toLocaleTimeString()}`;
}

async function act(button: HTMLButtonElement): Promise<void> {
  const { action, topic, partition, offset } = button.dataset;
  if (!topic) return;
  if (action === 'toggle') {
    if (expanded.has(topic)) expanded.delete(topic);
    else expanded.add(topic);
    await refresh();
    return;
  }
  const path = `/api/dead-letters/${encodeURIComponent(topic)}/${action === 'discard' ? 'discard' : 'replay'}`;
  const body = action === 'replay-all' ? { all: true } : { partition: Number(partition), offset };
  if (action === 'replay-all' && !confirm(`Replay every pending dead letter of ${topic}?`)) return;
  button.disabled = true;
  const result = await api<{ action: string; count: number }>(
    path,
    { method: 'POST', body: JSON.stringify(body) },
    true,
  );
  say(`${result.action} ${result.count} dead letter(s) of ${topic}`);
  await refresh();
}

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button[data-action]');
  if (button instanceof HTMLButtonElement) {
    act(button).catch((error: Error) => {
      button.disabled = false;
      say(error.message, true);
    });
  }
});

async function loop(): Promise<void> {
  try {
    await refresh();
    if (byId('status').className === 'bad' && byId('status').textContent?.startsWith('API')) say('');
  } catch (error) {
    say(`API: ${(error as Error).message}`, true);
  }
  setTimeout(() => void loop(), POLL_MS);
}

void loop();
