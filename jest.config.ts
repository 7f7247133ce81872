// Unit tests: pure logic, no services. Every project's *.spec.ts runs here in one jest process.
import type { Config } from 'jest';
const preset = require('./jest.preset.js');

const config: Config = {
  ...preset,
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/{libs,services,tools}/*/src/**/*.spec.ts',
    // Evaluation and training scripts' pure helpers (fold assignment and the like).
    '<rootDir>/libs/*/scripts/**/*.spec.ts',
    '<rootDir>/deploy/**/*.spec.ts',
  ],
  // Integration tests (*.int.spec.ts) need the stack: they run under jest.integration.config.ts.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/', '\\.int\\.spec\\.ts$'],
};
export default config;
