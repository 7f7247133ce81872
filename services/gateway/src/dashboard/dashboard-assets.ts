import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DashboardAssets {
  html: string;
  script: string;
}

/** services/gateway/dashboard: the page and its browser script (TypeScript, bundled here). */
export const DASHBOARD_DIR = join(__dirname, '..', '..', 'dashboard');

/**
 * Bundles the dashboard's script in memory when the gateway starts (tens of milliseconds): a fresh clone serves the
 * page with no separate build step, and nothing is fetched from a CDN at run time.
 */
export async function buildDashboardAssets(dir = DASHBOARD_DIR): Promise<DashboardAssets> {
  const [html, bundle] = await Promise.all([
    readFile(join(dir, 'index.html'), 'utf8'),
    build({
      entryPoints: [join(dir, 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      sourcemap: false,
      logLevel: 'silent',
    }),
  ]);
  return { html, script: bundle.outputFiles[0].text };
}

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');
