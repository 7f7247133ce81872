// The integration tests' environment: jest's node environment, plus a report of what a test file left running.
// A worker process that still has a socket or a timer when jest ends it is force-killed ("A worker process has
// failed to exit gracefully"), and scripts/test.sh fails the run on that warning, but jest cannot say which of the
// files that worker ran left it. This environment names the file. After its teardown it waits up to a second, then
// writes to stderr the handles still keeping the worker alive that were not there before the file (sockets,
// servers, child processes: process.getActiveResourcesInfo()) and the timers the file's code set that are still
// pending and not unref'd (tracked through the file's own setTimeout and setInterval: jest runs the file and the
// libraries it loads with this environment's globals), each with its delay and callback name.
const { TestEnvironment } = require('jest-environment-node');

const SETTLE_MS = 1_000;

function handleCounts() {
  const byType = new Map();
  for (const type of process.getActiveResourcesInfo()) {
    if (type !== 'Timeout') byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  return byType;
}

class IntegrationEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    /** timers the file set: Timeout object → "<delay> ms <callback name>" */
    this.timers = new Map();
    for (const name of ['setTimeout', 'setInterval']) {
      const original = this.global[name];
      this.global[name] = (callback, delay, ...args) => {
        const timer = original(callback, delay, ...args);
        const where = process.env.INKSTREAM_TEST_TIMER_STACKS ? `\n${new Error().stack}` : '';
        this.timers.set(timer, `${name}(${delay ?? 0} ms, ${callback?.name || 'anonymous'})${where}`);
        return timer;
      };
    }
  }

  async setup() {
    await super.setup();
    this.before = handleCounts();
  }

  left() {
    const handles = [...handleCounts()]
      .map(([type, count]) => [type, count - (this.before.get(type) ?? 0)])
      .filter(([, extra]) => extra > 0)
      .map(([type, extra]) => `${extra} × ${type}`);
    // `_destroyed`: set by Node once a timeout fired or was cleared (there is no public "is pending").
    const timers = [...this.timers]
      .filter(([timer]) => timer._destroyed === false && timer.hasRef())
      .map(([, what]) => what);
    return [...handles, ...timers];
  }

  async teardown() {
    await super.teardown();
    const deadline = Date.now() + SETTLE_MS;
    let left = this.left();
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((settled) => setTimeout(settled, 50).unref());
      left = this.left();
    }
    if (left.length > 0) {
      process.stderr.write(`[open handles] ${this.testPath} left running after its teardown: ${left.join(', ')}\n`);
    }
    this.timers.clear();
  }
}

module.exports = IntegrationEnvironment;
