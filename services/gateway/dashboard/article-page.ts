// The article page (`#article/<id>`): the stored article, its duplicates and story, and its trace through the stages.
import { renderArticle, renderTrace, type ArticleDetail, type ClusterDetail } from '../src/dashboard/console-view';
import type { StageTrace } from '../src/topics/topic-views';
import { escapeHtml } from '../src/dashboard/view-model';
import { api, byId } from './page';

/** The trace reads five topics, each within the gateway's budget (6 s) plus a group join. */
const TRACE_TIMEOUT_MS = 25_000;

async function show(id: string): Promise<void> {
  const view = byId('article-view');
  const detail = byId('article-detail');
  view.hidden = false;
  detail.innerHTML = '<p class="muted">loading…</p>';
  view.scrollIntoView();
  try {
    const article = await api<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
    const cluster = await api<ClusterDetail>(`/api/clusters/${encodeURIComponent(article.clusterId)}`).catch(
      () => null,
    );
    detail.innerHTML = renderArticle(article, cluster, Date.now());
  } catch (error) {
    detail.innerHTML = `<p class="error">${escapeHtml((error as Error).message)}</p>`;
    return;
  }
  try {
    const trace = await api<{ stages: StageTrace[] }>(`/api/articles/${encodeURIComponent(id)}/trace`, {
      timeoutMs: TRACE_TIMEOUT_MS,
    });
    byId('article-trace').innerHTML = renderTrace(trace.stages);
  } catch (error) {
    byId('article-trace').innerHTML = `<p class="error">trace: ${escapeHtml((error as Error).message)}</p>`;
  }
}

/** Follows the address: `#article/<id>` shows the article, anything else the overview only. */
export function route(): void {
  const match = /^#article\/(.+)$/.exec(location.hash);
  if (match) void show(decodeURIComponent(match[1]));
  else byId('article-view').hidden = true;
}

window.addEventListener('hashchange', route);
