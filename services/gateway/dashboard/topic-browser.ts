// The topic browser: choose a topic and partition, start at an offset or a time, filter, and page through messages.
import { renderMessagePage, renderOptions } from '../src/dashboard/console-view';
import type { BrowsableTopic, MessagePage } from '../src/topics/topic-views';
import { escapeHtml } from '../src/dashboard/view-model';
import { api, byId } from './page';

/** A page read may take the gateway's whole budget (5 s) plus a consumer's group join. */
const BROWSE_TIMEOUT_MS = 20_000;

let topics: BrowsableTopic[] = [];
const input = (id: string) => byId<HTMLInputElement>(id);
const topicSelect = byId<HTMLSelectElement>('browse-topic');
const partitionSelect = byId<HTMLSelectElement>('browse-partition');

function showPartitions(selected = partitionSelect.value): void {
  const topic = topics.find((candidate) => candidate.topic === topicSelect.value);
  partitionSelect.innerHTML = renderOptions(
    (topic?.partitions ?? []).map((p) => ({
      value: String(p.partition),
      label: `${p.partition} (${p.low}–${p.high})`,
    })),
    selected,
  );
}

export async function loadTopics(): Promise<void> {
  const selectedTopic = topicSelect.value;
  topics = (await api<{ topics: BrowsableTopic[] }>('/api/topics')).topics;
  topicSelect.innerHTML = renderOptions(
    topics.map((t) => ({ value: t.topic, label: t.topic })),
    selectedTopic,
  );
  showPartitions();
}

/** Reads one page with what the form says; `offset` overrides the form's start (Next page, links from a trace). */
export async function browse(offset?: string): Promise<void> {
  // The partitions' offsets move: the choice shows them as they are now.
  await loadTopics().catch(() => undefined);
  const query = new URLSearchParams();
  const startOffset = offset ?? input('browse-offset').value.trim();
  const timestamp = input('browse-timestamp').value.trim();
  if (startOffset) query.set('offset', startOffset);
  else if (timestamp) query.set('timestamp', timestamp);
  for (const [id, name] of [
    ['browse-key', 'key'],
    ['browse-trace', 'traceId'],
    ['browse-header', 'header'],
    ['browse-limit', 'limit'],
  ] as const) {
    const value = input(id).value.trim();
    if (value) query.set(name, value);
  }
  const result = byId('browse-result');
  result.innerHTML = '<p class="muted">reading…</p>';
  try {
    const page = await api<MessagePage>(
      `/api/topics/${encodeURIComponent(topicSelect.value)}/partitions/${encodeURIComponent(partitionSelect.value)}` +
        `/messages?${query.toString()}`,
      { timeoutMs: BROWSE_TIMEOUT_MS },
    );
    result.innerHTML = renderMessagePage(page);
  } catch (error) {
    result.innerHTML = `<p class="error" data-field="browse-error">${escapeHtml((error as Error).message)}</p>`;
  }
}

/** Opens one message in the browser (from an article's trace): its topic, partition and offset, no filter. */
export async function browseAt(topic: string, partition: string, offset: string): Promise<void> {
  if (!topics.some((candidate) => candidate.topic === topic)) await loadTopics();
  topicSelect.value = topic;
  showPartitions(partition);
  for (const id of ['browse-offset', 'browse-timestamp', 'browse-key', 'browse-trace', 'browse-header']) {
    input(id).value = '';
  }
  input('browse-offset').value = offset;
  input('browse-limit').value = '1';
  byId('topic-browser').scrollIntoView();
  await browse();
}

topicSelect.addEventListener('change', () => showPartitions('0'));
byId('browse').addEventListener('submit', (event) => {
  event.preventDefault();
  void browse();
});
