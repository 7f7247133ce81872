// Integration tests: real Kafka and MongoDB-protocol server, started once per run by libs/testing's global setup.
import type { Config } from 'jest';
const preset = require('./jest.preset.js');

const config: Config = {
  ...preset,
  rootDir: __dirname,
  testMatch: ['<rootDir>/{libs,services,tools,deploy}/*/test/**/*.int.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  // Names a test file that leaves sockets or timers running (jest only says a worker failed to exit).
  testEnvironment: '<rootDir>/jest.integration-environment.js',
  testTimeout: 120_000,
  maxWorkers: 2,
};
export default config;
