// Jest runs globalSetup and globalTeardown in the same process and context: the started stack is kept on
// globalThis between them (test workers never see it; they read the published addresses instead).
import type { TestStackMode } from './stack-info';

export interface RunningTestStack {
  mode: TestStackMode;
  stop(): Promise<void>;
}

const KEY = Symbol.for('inkstream.testing.runningStack');
type Holder = { [KEY]?: RunningTestStack };

export function setRunningTestStack(stack: RunningTestStack): void {
  (globalThis as Holder)[KEY] = stack;
}

export function takeRunningTestStack(): RunningTestStack | undefined {
  const stack = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return stack;
}
