// Jest global teardown: stops what global-setup.ts started (the embedded processes are killed and their temp data
// dir removed unless INKSTREAM_TEST_KEEP_STACK=1; containers are stopped; an external stack is left alone).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { takeRunningTestStack } from './running-stack';
import { TEST_STACK_ENV } from './stack-info';

export default async function globalTeardown(): Promise<void> {
  const stack = takeRunningTestStack();
  if (!stack) return;
  const began = Date.now();
  await stack.stop();
  if (stack.mode !== 'embedded') {
    // Only the connection file lives in the temp dir of these modes.
    const file = process.env[TEST_STACK_ENV.infoFile];
    if (file) rmSync(dirname(file), { recursive: true, force: true });
  }
  process.stdout.write(`[test-stack] ${stack.mode} stack stopped in ${((Date.now() - began) / 1000).toFixed(1)}s\n`);
}
