// Shared jest settings: swc transpiles TypeScript (type checking is `npm run typecheck`, once for the whole repo),
// and the @inkstream/* aliases map to library sources so tests never need a build.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcConfig = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, target)]),
);

// The OTLP exporter loads `http` with a dynamic import(), which jest's CommonJS runtime cannot run (it needs
// --experimental-vm-modules): that one package is compiled like our sources, turning import() into require().
const DYNAMIC_IMPORT_PACKAGES = '@opentelemetry/otlp-exporter-base';

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { ...swcConfig, swcrc: false }],
    [`/node_modules/${DYNAMIC_IMPORT_PACKAGES}/.+\\.js$`]: [
      '@swc/jest',
      { ...swcConfig, swcrc: false, sourceMaps: false },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!${DYNAMIC_IMPORT_PACKAGES}/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
