import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDashboardAssets, PREBUILT_DASHBOARD_SCRIPT } from './dashboard-assets';

describe('buildDashboardAssets', () => {
  it('bundles the browser script into one self-contained file the page loads', async () => {
    const assets = await buildDashboardAssets();
    expect(assets.html).toContain('<script src="/dashboard/app.js"></script>');
    expect(assets.html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect(assets.script.length).toBeGreaterThan(1_000);
    // Bundled: no module syntax left for the browser to resolve, and the render functions are inside.
    expect(assets.script).not.toMatch(/\bimport\s*[{(*]|\brequire\(/);
    expect(assets.script).toContain('data-action');
  });
});

describe('buildDashboardAssets in a compiled gateway', () => {
  it('serves the script `npm run build` bundled instead of bundling at start (no esbuild in the image)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkstream-dashboard-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<html></html>');
      writeFileSync(join(dir, PREBUILT_DASHBOARD_SCRIPT), 'prebuilt();');
      // No main.ts here: bundling would fail, so only the prebuilt file can produce this result.
      await expect(buildDashboardAssets(dir)).resolves.toEqual({ html: '<html></html>', script: 'prebuilt();' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
