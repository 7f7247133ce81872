// Source management on the page: the list (paged when the gateway pages it), add, edit (interval, full text, limits),
// pause, resume, remove and OPML import, all with the admin token.
import { renderImportSummary } from '../src/dashboard/console-view';
import {
  renderSourceEditor,
  sourceEditBody,
  type SourceDetailRow,
  type SourceFormValues,
} from '../src/dashboard/source-editor';
import { renderSources, type SourceRow } from '../src/dashboard/render';
import { escapeHtml } from '../src/dashboard/view-model';
import { api, ApiError, byId, say } from './page';

interface SourcePage {
  sources: SourceRow[];
  /** Present when the gateway pages the list; null on the last page. */
  nextCursor?: string | null;
  total?: number;
}

/** Pages shown beyond the first ("More sources"); each refresh reloads as many. */
let extraPages = 0;
let hasMore = false;

export async function refreshSources(now: number): Promise<void> {
  let page = await api<SourcePage>('/api/sources');
  const sources = [...page.sources];
  for (let index = 0; index < extraPages && page.nextCursor; index += 1) {
    page = await api<SourcePage>(`/api/sources?cursor=${encodeURIComponent(page.nextCursor)}`);
    sources.push(...page.sources);
  }
  hasMore = Boolean(page.nextCursor);
  byId('sources').innerHTML = renderSources(sources, now);
  byId('sources-more').hidden = !hasMore;
  byId('source-counts').textContent =
    page.total !== undefined ? `${sources.length} of ${page.total}` : `${sources.length}`;
}

export async function sourceAction(action: string, id: string): Promise<void> {
  const path = `/api/sources/${encodeURIComponent(id)}`;
  if (action === 'source-edit') return showEditor(await api<SourceDetailRow>(path));
  if (action === 'source-edit-close') {
    byId('source-detail').hidden = true;
    return;
  }
  if (action === 'source-remove') {
    if (!confirm(`Remove source ${id}? Its articles stay; it is no longer polled.`)) return;
    await api(path, { method: 'DELETE', admin: true });
    if (byId('source-detail').querySelector(`form[data-source-id="${CSS.escape(id)}"]`)) {
      byId('source-detail').hidden = true;
    }
    say(`removed source ${id}`);
  } else {
    const verb = action === 'source-pause' ? 'pause' : 'resume';
    await api(`${path}/${verb}`, { method: 'POST', admin: true });
    say(`${verb === 'pause' ? 'paused' : 'resumed'} source ${id}`);
  }
  await refreshSources(Date.now());
}

function showEditor(source: SourceDetailRow): void {
  const detail = byId('source-detail');
  detail.innerHTML = renderSourceEditor(source);
  detail.hidden = false;
  const form = byId<HTMLFormElement>('source-edit-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveEdit(source, form).catch(failed);
  });
  form.scrollIntoView({ block: 'nearest' });
}

async function saveEdit(source: SourceDetailRow, form: HTMLFormElement): Promise<void> {
  const values: Record<string, string | boolean> = {};
  for (const element of Array.from(form.querySelectorAll('input'))) {
    values[element.name] = element.type === 'checkbox' ? element.checked : element.value;
  }
  const result = sourceEditBody(source, values as SourceFormValues);
  const error = form.querySelector('[data-field="source-edit-error"]') as HTMLElement;
  if ('error' in result) {
    error.textContent = result.error;
    return;
  }
  try {
    const path = `/api/sources/${encodeURIComponent(source.id)}`;
    const edited = await api<SourceDetailRow>(path, { method: 'PATCH', body: result.body, admin: true });
    say(`saved source ${edited.name} (${Object.keys(result.body).join(', ')})`);
    showEditor(edited);
    await refreshSources(Date.now());
  } catch (caught) {
    // The gateway's message names the field it refused.
    error.textContent = (caught as Error).message;
  }
}

async function addSource(): Promise<void> {
  const kind = byId<HTMLSelectElement>('source-kind').value;
  const url = byId<HTMLInputElement>('source-url').value.trim();
  const name = byId<HTMLInputElement>('source-name').value.trim();
  const added = await api<{ id: string; name: string }>('/api/sources', {
    method: 'POST',
    body: { kind, url, name },
    admin: true,
  });
  say(`added source ${added.name} (${added.id})`);
  byId<HTMLFormElement>('source-add').reset();
  await refreshSources(Date.now());
}

async function importOpml(): Promise<void> {
  const file = byId<HTMLInputElement>('opml-file').files?.[0];
  const result = byId('import-result');
  if (!file) {
    result.innerHTML = '<span class="error">choose an OPML file first</span>';
    return;
  }
  try {
    const summary = await api<{ added: number; existing: number; refused: Array<{ url: string; reason: string }> }>(
      '/api/sources/import',
      { method: 'POST', body: await file.text(), contentType: 'text/x-opml', admin: true },
    );
    result.innerHTML = renderImportSummary(summary);
    await refreshSources(Date.now());
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === 404
        ? 'this gateway cannot import OPML yet (it has no POST /api/sources/import): add sources one by one'
        : (error as Error).message;
    result.innerHTML = `<span class="error" data-field="import-error">${escapeHtml(message)}</span>`;
  }
}

const failed = (error: Error) => say(error.message, true);

byId('source-add').addEventListener('submit', (event) => {
  event.preventDefault();
  addSource().catch(failed);
});
byId('source-import').addEventListener('submit', (event) => {
  event.preventDefault();
  importOpml().catch(failed);
});
byId('sources-more').addEventListener('click', () => {
  extraPages += 1;
  refreshSources(Date.now()).catch(failed);
});
