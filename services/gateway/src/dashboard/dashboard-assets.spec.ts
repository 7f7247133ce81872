import { buildDashboardAssets } from './dashboard-assets';

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
