// Headless Chromium for the gateway's browser tests: Debian's chromium (scripts/ensure-chromium.sh installs it), never
// a downloaded browser, in a throw-away profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 1000 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'inkstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface BrowserGlobals {
  document: { querySelector(css: string): { textContent: string | null } | null };
}

/** Waits (no timing assumed) until the element's trimmed text is `expected`, or matches it when a RegExp source. */
export function textOf(page: Page, selector: string, expected: string, timeout = 30_000) {
  return page.waitForFunction(
    // Runs in the page (this file is compiled without DOM types, hence the cast).
    ([css, text]) =>
      (globalThis as unknown as BrowserGlobals).document.querySelector(css)?.textContent?.trim() === text,
    [selector, expected] as const,
    { timeout },
  );
}

/** Waits until the element's text contains `part`. */
export function textContaining(page: Page, selector: string, part: string, timeout = 30_000) {
  return page.waitForFunction(
    ([css, text]) =>
      (globalThis as unknown as BrowserGlobals).document.querySelector(css)?.textContent?.includes(text) === true,
    [selector, part] as const,
    { timeout },
  );
}
