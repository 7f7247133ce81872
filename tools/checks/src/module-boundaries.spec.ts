import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The boundary rule silently skips itself when no project graph is cached (a fresh clone). This proves the rule runs
// and refuses what the house forbids, through the ESLint config CI uses. ESLint runs in a child process because its
// config is an ES module, which jest's module sandbox cannot load.
const root = join(__dirname, '../../..');

interface Probe {
  filePath: string;
  code: string;
}

const lintProbes = `
const { ESLint } = require('eslint');
const { createProjectGraphAsync } = require('@nx/devkit');
(async () => {
  const probes = JSON.parse(process.argv[1]);
  await createProjectGraphAsync({ exitOnError: false }); // what scripts/lint.sh does first: cache the graph
  const eslint = new ESLint();
  const out = [];
  for (const probe of probes) {
    const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
    out.push(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

function boundaryErrors(probes: Probe[]): string[][] {
  const output = execFileSync(process.execPath, ['-e', lintProbes, JSON.stringify(probes)], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

describe('module boundaries (eslint @nx/enforce-module-boundaries)', () => {
  let errors: string[][];
  beforeAll(() => {
    errors = boundaryErrors([
      { filePath: 'libs/dedup/src/index.ts', code: "import mongoose from 'mongoose';\nvoid mongoose;\n" },
      {
        filePath: 'libs/nlp/src/index.ts',
        code: "import { PipelineProducer } from '@inkstream/messaging';\nvoid PipelineProducer;\n",
      },
      {
        filePath: 'libs/feeds/src/index.ts',
        code: "import { splitterService } from '../../../services/splitter/src/splitter.definition';\nvoid splitterService;\n",
      },
      { filePath: 'libs/dedup/src/index.ts', code: "import { Topics } from '@inkstream/contracts';\nvoid Topics;\n" },
      { filePath: 'libs/errors/src/index.ts', code: "import { Topics } from '@inkstream/contracts';\nvoid Topics;\n" },
      {
        filePath: 'libs/persistence/src/index.ts',
        code: "import { PermanentError } from '@inkstream/errors';\nvoid PermanentError;\n",
      },
      {
        filePath: 'libs/testing/src/index.ts',
        code: "import { parsePortChoice } from '../../../deploy/pipeline/ports';\nvoid parsePortChoice;\n",
      },
      {
        filePath: 'services/store/src/index.ts',
        code: "import { startEmbeddedStack } from '@inkstream/embedded-stack';\nvoid startEmbeddedStack;\n",
      },
      {
        filePath: 'libs/testing/src/index.ts',
        code: "import { startEmbeddedStack } from '@inkstream/embedded-stack';\nvoid startEmbeddedStack;\n",
      },
      {
        filePath: 'libs/nlp/scripts/eval-ner.ts',
        code: "import { seededRandom } from '../../../tools/measure/src/seeded-random';\nvoid seededRandom;\n",
      },
      {
        filePath: 'deploy/pipeline/bench/scale.ts',
        code: "import { measuredOn } from '@inkstream/measure';\nvoid measuredOn;\n",
      },
      {
        filePath: 'services/store/src/index.ts',
        code: "import { measuredOn } from '@inkstream/measure';\nvoid measuredOn;\n",
      },
    ]);
  }, 60_000);

  it('refuses mongoose in a domain lib', () => {
    expect(errors[0]).toEqual([expect.stringMatching(/mongoose/)]);
  });

  it('refuses a platform lib in a domain lib', () => {
    expect(errors[1]).toEqual([expect.stringMatching(/type:domain/)]);
  });

  it('refuses a service imported by a domain lib', () => {
    expect(errors[2]).not.toEqual([]);
  });

  it('allows what the house allows: a domain lib importing contracts', () => {
    expect(errors[3]).toEqual([]);
  });

  it('keeps the shared error classes at the bottom: libs/errors imports nothing, a platform lib may use it', () => {
    expect(errors[4]).not.toEqual([]);
    expect(errors[5]).toEqual([]);
  });

  it('refuses deploy/ in a library', () => {
    expect(errors[6]).not.toEqual([]);
  });

  it('makes scripts reach shared tooling through its alias, never a relative path into another project', () => {
    expect(errors[9]).not.toEqual([]);
    expect(errors[10]).toEqual([]);
  });

  it('keeps measurement tooling out of production code', () => {
    expect(errors[11]).toEqual([expect.stringMatching(/type:service/)]);
  });

  it('keeps the embedded stack out of production code, for the runner and the test harness only', () => {
    expect(errors[7]).toEqual([expect.stringMatching(/type:service/)]);
    expect(errors[8]).toEqual([]);
  });
});
