import type { BuildOptions } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DashboardAssets {
  html: string;
  script: string;
}

/** services/gateway/dashboard: the page and its browser script (TypeScript, bundled here). */
export const DASHBOARD_DIR = join(__dirname, '..', '..', 'dashboard');

/** Written beside index.html by `npm run build` (scripts/build.ts); absent in a source checkout. */
export const PREBUILT_DASHBOARD_SCRIPT = 'dashboard.js';

/**
 * A compiled gateway (the container image) serves the script `npm run build` bundled, so production needs no
 * esbuild. From sources, the script is bundled in memory when the gateway starts (tens of milliseconds): a fresh
 * clone serves the page with no separate build step. Nothing is fetched from a CDN at run time either way.
 */
export async function buildDashboardAssets(dir = DASHBOARD_DIR): Promise<DashboardAssets> {
  const [html, prebuilt] = await Promise.all([
    readFile(join(dir, 'index.html'), 'utf8'),
    readFile(join(dir, PREBUILT_DASHBOARD_SCRIPT), 'utf8').catch(() => null),
  ]);
  return { html, script: prebuilt ?? (await bundleDashboardScript(dir)) };
}

/** esbuild options for the browser script, shared with `npm run build` so both bundle it the same way. */
export function dashboardBundleOptions(dir: string): BuildOptions {
  return {
    entryPoints: [join(dir, 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
  };
}

async function bundleDashboardScript(dir: string): Promise<string> {
  // Loaded only here: esbuild is a dev dependency and is not installed in the images.
  const { build } = await import('esbuild');
  const bundle = await build({ ...dashboardBundleOptions(dir), write: false });
  const [script] = bundle.outputFiles ?? [];
  if (!script) throw new Error('esbuild produced no dashboard script');
  return script.text;
}

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');
