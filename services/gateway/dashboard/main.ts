// The operators' console in the browser: polls the gateway's API every 2 s and redraws the overview; the charts
// draw the history the gateway keeps (GET /api/history), so they survive a reload. Bundled by esbuild when the
// gateway starts (src/dashboard/dashboard-assets.ts); the markup comes from the pure functions in src/dashboard.
import { historiesFrom, type HistoryRows } from '../src/dashboard/console-view';
import {
  renderArticles,
  renderDeadLetters,
  renderDeadLetterTopics,
  renderGroups,
  renderServices,
  renderTopics,
  unreachableRow,
  type ArticleRow,
  type DeadLetterRow,
  type DeadLetterTopicRow,
  type GroupRow,
  type Histories,
  type ServiceRow,
  type TopicRow,
} from '../src/dashboard/render';
import { escapeHtml } from '../src/dashboard/view-model';
import { route } from './article-page';
import { api, byId, say } from './page';
import { refreshSources, sourceAction } from './sources';
import { browse, browseAt, loadTopics } from './topic-browser';

const POLL_MS = 2_000;
const SOURCES_POLL_MS = 10_000;

interface Stats {
  generatedAt: string;
  /** Parts the gateway could not read in time (Kafka or MongoDB down), each with why. */
  unreachable: { offsets?: string; deadLetters?: string; articles?: string };
  topics: TopicRow[];
  groups: GroupRow[];
  deadLetters: DeadLetterTopicRow[];
  articles: { stored: number; duplicates: number } | null;
}

let histories: Histories = { topics: new Map(), lag: new Map(), services: new Map() };
const expanded = new Set<string>();
let lastSourcesAt = 0;
let lastHistoryAt = 0;
/** Asking for the history more often than the gateway samples it would fetch the same hour again. */
let historyPollMs = POLL_MS;
let topicsLoaded = false;

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
  if (now - lastHistoryAt >= historyPollMs) {
    lastHistoryAt = now;
    const history = await api<HistoryRows>('/api/history');
    historyPollMs = Math.max(POLL_MS, history.intervalMs);
    histories = historiesFrom(history);
  }
  const [stats, services, articles] = await Promise.all([
    api<Stats>('/api/stats'),
    api<{ services: ServiceRow[] }>('/api/services'),
    // The latest articles come straight from MongoDB: with it down, the rest of the page still updates.
    api<{ items: ArticleRow[] }>('/api/articles?limit=10').then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, unreachable: error.message }),
    ),
  ]);
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
    await refreshSources(now).catch((error: Error) => {
      byId('sources').innerHTML = unreachableRow(9, error.message);
    });
  }
  if (!topicsLoaded) {
    await loadTopics().then(
      () => (topicsLoaded = true),
      (error: Error) => (byId('browse-result').innerHTML = unreachableRow(1, error.message)),
    );
  }
  byId('updated').textContent = `updated ${new Date(now).toLocaleTimeString()}`;
}

async function deadLetterAction(button: HTMLButtonElement): Promise<void> {
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
  const result = await api<{ action: string; count: number }>(path, { method: 'POST', body, admin: true });
  say(`${result.action} ${result.count} dead letter(s) of ${topic}`);
  await refresh();
}

async function act(button: HTMLButtonElement): Promise<void> {
  const { action = '', sourceId, topic, partition, offset } = button.dataset;
  if (action.startsWith('source-') && sourceId) return sourceAction(action, sourceId);
  if (action === 'browse-next' && offset) return browse(offset);
  if (action === 'browse-at' && topic && partition && offset) return browseAt(topic, partition, offset);
  return deadLetterAction(button);
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

route();
void loop();
