// `npm run test:resilience`: the pipeline under faults on the real embedded stack. `--articles` distinct articles
// (2,000; plus the corpus's near-copies) are published at `--rate` per second while a seeded plan SIGKILLs every
// service `--kills` times (each is started again a second later, as `npm start`'s supervisor would), restarts the
// Kafka broker once and the database (FerretDB + PostgreSQL) once, and SIGKILLs PostgreSQL, FerretDB and Kafka
// `--stack-kills` times each; the runner's own stack supervision (stack-supervisor.ts) brings the stack back. Then it
// waits for the pipeline to settle and reconciles with `inkstream audit`'s reconciliation (libs/audit): every raw
// document stored, a duplicate, empty or a dead letter. Lost, stored twice, versions never published and dead
// letters (the corpus is healthy input: every dead letter is a fault mishandled) must be 0, per fault as well as in
// total, and no service's RSS may pass `--max-rss-mb`. Among the corpus, `--cases` instances of each case document
// (case-documents.ts: squats before and after the outlet publishes, a feed and a sitemap of one publisher, overlapping
// drop folders, a re-ingest under another source id, output over the message limit) must each reach their one right
// outcome despite the faults. Exits 1 on any violation.
import { auditViolations, formatAuditReport, runAudit, type AuditReport } from '@inkstream/audit';
import { formatLostTrail, lostTrail } from './lost-trail';
import { databaseLogNotes, recheckInDatabase } from './lost-evidence';
import { embeddedStackStatus, stopEmbeddedStack } from '@inkstream/embedded-stack';
import { collectPipelineOffsets, PipelineProducer } from '@inkstream/messaging';
import { connectMongo } from '@inkstream/persistence';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { SERVICE_NAMES, type ServiceName } from '../services';
import type { ServiceProcess } from '../service-process';
import { decideAfterExit, NO_RESTARTS } from '../restart-policy';
import { StartupExitError } from '../service-process';
import { EXIT_DEPENDENCY_UNAVAILABLE } from '@inkstream/errors';
import { superviseStack, type StackSupervisor } from '../stack-supervisor';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS } from '@inkstream/fetching';
import { newTraceId, Topics } from '@inkstream/contracts';
import { expectedDeadLetters, judgeCases, planCases, type CaseDocument, type CaseVerdict } from './case-documents';
import { DEFAULT_CORPUS_OPTIONS, generateArticles } from './corpus';
import {
  deadLettersByFault,
  describeFault,
  judgeMemory,
  planFaults,
  stackComponentsOf,
  type Fault,
  type RssSample,
} from './fault-plan';
import {
  fmt,
  loadPool,
  log,
  PREFIX,
  progress,
  publishAtRate,
  ROOT,
  runBench,
  startBenchStack,
  Tracker,
  urlOf,
  watchOutcomes,
  type BenchStack,
} from './harness';

/** As in bench:scale: a killed consumer never says goodbye, so its partitions move after the session timeout. */
const SESSION_TIMEOUT_MS = 10_000;
/** `npm start` restarts a crashed service after a backoff starting at one second (deploy/pipeline/restart-policy). */
const RESTART_DELAY_MS = 1_000;
const RSS_SAMPLE_MS = 2_000;
/** After publishing and the last fault: how long the pipeline may take to account for every document. */
const SETTLE_TIMEOUT_MS = 15 * 60_000;
/** How long a stack process may take to come back (a cold JVM on a busy machine, PostgreSQL's crash recovery). */
const STACK_BACK_TIMEOUT_MS = 5 * 60_000;

interface Options {
  /** Distinct articles; the corpus adds its near-copies on top. */
  articles: number;
  kills: number;
  /** SIGKILLs of each stack process (PostgreSQL, FerretDB, Kafka). */
  stackKills: number;
  /** Instances of each case document (case-documents.ts). */
  cases: number;
  seed: number;
  rate: number;
  partitions: number;
  maxRssMb: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    articles: 2000,
    kills: 3,
    stackKills: 1,
    cases: 2,
    seed: 1,
    rate: 20,
    partitions: 6,
    maxRssMb: 1024,
    write: true,
  };
  const usage =
    '--articles N --kills K --stack-kills K --cases C --seed S --rate R --partitions P --max-rss-mb M --no-write';
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => {
      const parsed = Number(inline ?? argv[++i]);
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a number (${usage})`);
      return parsed;
    };
    if (flag === '--articles') options.articles = value();
    else if (flag === '--kills') options.kills = value();
    else if (flag === '--stack-kills') options.stackKills = value();
    else if (flag === '--cases') options.cases = value();
    else if (flag === '--seed') options.seed = value();
    else if (flag === '--rate') options.rate = value();
    else if (flag === '--partitions') options.partitions = value();
    else if (flag === '--max-rss-mb') options.maxRssMb = value();
    else if (flag === '--no-write') options.write = false;
    else throw new Error(`unknown option ${argv[i]} (${usage})`);
  }
  return options;
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // exited between the check and the read
  }
}

const isRunning = (service: ServiceProcess) => service.child.exitCode === null && service.child.signalCode === null;

/**
 * The one process of each service, restarted after every exit: after our SIGKILL (planned) or on its own (a crash,
 * counted: the run reports it). Memory is sampled from whichever process is current.
 */
class Supervisor {
  readonly current = new Map<ServiceName, ServiceProcess>();
  readonly crashes: Array<{ service: ServiceName; exit: string }> = [];
  /** Restarts that found the stack away at startup (exit EXIT_DEPENDENCY_UNAVAILABLE), one entry each: not crashes. */
  readonly waits: ServiceName[] = [];
  readonly samples: RssSample[] = [];
  private readonly killed = new Set<ServiceProcess>();
  private readonly restarting = new Map<ServiceName, Promise<void>>();
  private stopping = false;
  private sampler?: NodeJS.Timeout;

  constructor(private readonly bench: BenchStack) {
    for (const service of bench.services) this.watch(service.name as ServiceName, service);
    this.sampler = setInterval(() => this.sample(), RSS_SAMPLE_MS);
  }

  async kill(name: ServiceName): Promise<void> {
    await this.restarting.get(name); // a service still coming back from the last fault is killed once it is up
    const service = this.current.get(name);
    if (!service || !isRunning(service)) return;
    this.killed.add(service);
    service.child.kill('SIGKILL');
    // Once it is gone its restart is under way (watch's handler ran first), so a next kill of it waits for that.
    await service.exited;
  }

  /** Every restart under way has its process healthy. */
  async settled(): Promise<void> {
    while (this.restarting.size > 0) await Promise.all(this.restarting.values());
  }

  stop(): void {
    this.stopping = true;
    clearInterval(this.sampler);
  }

  private watch(name: ServiceName, service: ServiceProcess): void {
    this.current.set(name, service);
    void service.exited.then((exit) => {
      if (this.stopping) return;
      if (!this.killed.has(service)) {
        this.crashes.push({ service: name, exit: String(exit) });
        log(`${name} exited on its own (${exit}); restarting it (see ${service.logFile})`);
      }
      const restart = this.restart(name).finally(() => this.restarting.delete(name));
      // A give-up fails the run where it is awaited (the next kill of the service, or settled()), not as a crash.
      restart.catch(() => undefined);
      this.restarting.set(name, restart);
    });
  }

  /**
   * Starts the service again after the restart delay; one that exits during startup (say, its database is still in
   * crash recovery after a SIGKILL) is counted and started again with the runner's backoff, as `npm start` does.
   */
  private async restart(name: ServiceName): Promise<void> {
    let history = NO_RESTARTS;
    let delayMs = RESTART_DELAY_MS;
    for (;;) {
      await new Promise((done) => setTimeout(done, delayMs));
      if (this.stopping) return;
      try {
        this.watch(name, await this.bench.startService(name));
        return;
      } catch (error) {
        const exit = error instanceof StartupExitError ? error.exit : null;
        const next = decideAfterExit(history, exit, Date.now());
        history = next.history;
        const { decision } = next;
        if (decision.action === 'wait') {
          // The stack was away at startup: waited out, as `npm start` does, and not a crash.
          this.waits.push(name);
          log(`${name} found the stack away at startup (attempt ${decision.attempt}); starting it again`);
        } else {
          this.crashes.push({ service: name, exit: `failed to start: ${(error as Error).message}` });
          log(`${name} failed to start (${(error as Error).message}); ${decision.action}`);
          if (decision.action === 'give-up') throw error;
        }
        delayMs = decision.delayMs;
      }
    }
  }

  private sample(): void {
    for (const [name, service] of this.current) {
      const pid = service.child.pid;
      const rss = pid && isRunning(service) ? rssMb(pid) : null;
      if (pid && rss !== null) this.samples.push({ service: name, pid, rssMb: rss });
    }
  }
}

/**
 * Injects a fault and, for the stack, waits until the stack supervision has brought back what it took down: a
 * restart is stopped in order (SIGTERM), a kill is SIGKILL. Returns how long the stack took to come back (s).
 */
async function inject(
  fault: Fault,
  bench: BenchStack,
  supervisor: Supervisor,
  stackSupervisor: StackSupervisor,
): Promise<number | null> {
  if (fault.kind === 'kill') {
    await supervisor.kill(fault.service as ServiceName);
    return null;
  }
  const began = Date.now();
  const components = stackComponentsOf(fault);
  const restartsBefore = components.map((component) => stackSupervisor.current()[component].restarts);
  if (fault.kind === 'kill-stack') {
    const { pid } = (await embeddedStackStatus(bench.stack.dataDir))[fault.component];
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  } else {
    await stopEmbeddedStack(bench.stack.dataDir, { components, timeoutMs: 30_000 });
  }
  const back = () =>
    components.every((component, index) => {
      const { state, restarts } = stackSupervisor.current()[component];
      return state === 'up' && restarts > restartsBefore[index];
    });
  while (!back()) {
    if (Date.now() - began > STACK_BACK_TIMEOUT_MS) {
      throw new Error(`${describeFault(fault)}: the stack supervision did not bring it back within 5 min`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  const seconds = (Date.now() - began) / 1000;
  log(`${describeFault(fault)}: back in ${seconds.toFixed(1)} s`);
  return seconds;
}

/**
 * Publishes each case document at its share of the publishing period, beside the corpus (a send Kafka refuses while
 * the broker is down is sent again, as publishAtRate does).
 */
async function publishCases(
  producer: PipelineProducer,
  documents: readonly CaseDocument[],
  began: number,
  periodMs: number,
  onSendError: () => void,
): Promise<void> {
  for (const document of documents) {
    const wait = began + document.at * periodMs - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const raw = buildRawDocument(
      { ...document.input, fetchedAt: new Date(), traceId: newTraceId() },
      DEFAULT_RAW_DOCUMENT_LIMITS,
    );
    for (;;) {
      try {
        await producer.publish(Topics.rawDocuments, [raw]);
        break;
      } catch {
        onSendError();
        await new Promise((done) => setTimeout(done, 1_000));
      }
    }
  }
}

/** Sum of every consuming group's lag: 0 means every stage has read (and committed) all its input. */
async function totalLag(admin: Admin): Promise<number> {
  const { groups } = await collectPipelineOffsets(admin, PREFIX);
  return groups.reduce((sum, group) => sum + group.totalLag, 0);
}

/**
 * Waits for the pipeline to settle and returns the audit of the run. Settled: every document seen on the outcome
 * topics, or (the bench's own watcher may miss messages across a broker restart) every stage caught up, and the audit
 * finding nothing missing and no publish owed; a document still missing, or a version still unpublished, a minute
 * after that is a finding. Seeing a document on the clean topic does not mean the store is done with it: its note
 * of the publish may still be waiting for a database that was just killed (the audit runs with no grace).
 */
async function settle(
  tracker: Tracker,
  target: number,
  admin: Admin,
  audit: () => Promise<AuditReport>,
): Promise<AuditReport> {
  const since = Date.now();
  const startDone = tracker.done;
  let caughtUpSince: number | null = null;
  for (;;) {
    progress('settling', tracker.done, target, since, startDone);
    const caughtUp = tracker.done >= target || (await totalLag(admin).catch(() => -1)) === 0;
    caughtUpSince = caughtUp ? (caughtUpSince ?? Date.now()) : null;
    if (caughtUp) {
      const report = await audit();
      const missing = report.summary.byStatus.unaccounted + report.summary.byStatus['in-flight'];
      const owed = report.summary.unpublished;
      if (missing + owed === 0 || Date.now() - (caughtUpSince ?? Date.now()) > 60_000) {
        process.stderr.write('\n');
        if (missing > 0) log(`every stage caught up a minute ago and ${missing} documents are still missing`);
        if (owed > 0) log(`every stage caught up a minute ago and ${owed} stored versions are still unpublished`);
        return report;
      }
    }
    if (Date.now() - since > SETTLE_TIMEOUT_MS) {
      process.stderr.write('\n');
      log(`not settled after ${SETTLE_TIMEOUT_MS / 60_000} min: reconciling what there is`);
      return audit();
    }
    await new Promise((done) => setTimeout(done, caughtUp ? 5_000 : 1_000));
  }
}

/** By the audit's outcome of each document (not the watcher's view): a copy stored while its original is stored too. */
function copiesLetThrough(audit: AuditReport, tracker: Tracker): { published: number; stored: number } {
  const stored = new Set(audit.accounts.filter((account) => account.status === 'stored').map(({ url }) => url));
  const urlByKey = new Map([...tracker.byUrl].map(([url, tracked]) => [tracked.article.key, url]));
  let published = 0;
  let both = 0;
  for (const [url, { article }] of tracker.byUrl) {
    if (article.copyOf === null) continue;
    published += 1;
    if (stored.has(url) && stored.has(urlByKey.get(article.copyOf) ?? null)) both += 1;
  }
  return { published, stored: both };
}

const CASE_OUTCOMES: Record<CaseVerdict['kind'], string> = {
  'squat-before-publish': "squatter's text stored under its own id; the outlet's article stored as its own",
  'squat-after-publish': "squatter's text stored under its own id; the outlet's article untouched",
  'feed-and-sitemap': 'one article, the second source recorded as its duplicate',
  'overlapping-drop-folders': 'one article, the other drop source recorded as its duplicate',
  'reingest-under-another-source': 'one article, the re-ingest recorded as its duplicate',
  'oversized-output': 'refused by the enricher before sending: a permanent dead letter naming the size',
};

interface StageCounts {
  topics: Array<{ topic: string; messages: number }>;
  deadLetters: Array<{ topic: string; messages: number }>;
}

async function stageCounts(admin: Admin): Promise<StageCounts> {
  const offsets = await collectPipelineOffsets(admin, PREFIX);
  return {
    topics: offsets.topics.map(({ topic, messages }) => ({ topic, messages })),
    deadLetters: offsets.deadLetters.map(({ topic, messages }) => ({ topic, messages })),
  };
}

interface FaultRow {
  fault: Fault;
  /** Seconds after the first document. */
  atS: number;
  /** Stack faults: seconds until the supervision had it back; null for a service kill. */
  backS: number | null;
  deadLetters: number;
}

function formatReport(
  options: Options,
  run: {
    published: number;
    distinct: number;
    caseDocuments: number;
    durationS: number;
    crashes: Supervisor['crashes'];
    waits: Supervisor['waits'];
    audit: AuditReport;
    /** Per fault in injection order: when, how long the stack took to come back, dead letters charged to it. */
    faultRows: FaultRow[];
    deadLettersBeforeFirstFault: number;
    /** Near-copies stored as a story of their own beside their original (the deduplicator's recall misses). */
    copiesLetThrough: { published: number; stored: number };
    stages: StageCounts;
    peakMb: Record<string, number>;
    cases: CaseVerdict[];
    /** Dead letters the case documents were planned to become (output over the message limit). */
    expectedDeadLetters: number;
    violations: string[];
  },
): string {
  const { summary } = run.audit;
  const deadLetters = Object.values(summary.deadLettersByGroup).reduce((sum, count) => sum + count, 0);
  const caseKinds = [...new Set(run.cases.map(({ kind }) => kind))];
  const lost = summary.byStatus.unaccounted + summary.byStatus['in-flight'];
  const kills = run.faultRows.filter(({ fault }) => fault.kind === 'kill').length;
  const stackKills = run.faultRows.filter(({ fault }) => fault.kind === 'kill-stack').length;
  return [
    '## Resilience run (`npm run test:resilience`)',
    '',
    measuredOn(),
    '',
    `${run.distinct} distinct articles plus ${run.published - run.distinct} near-copies (${run.published} raw documents) ` +
      `and ${run.caseDocuments} case documents, ` +
      `published at ${options.rate}/s on ${options.partitions} partitions, one process per service, ` +
      `KAFKA_SESSION_TIMEOUT_MS=${SESSION_TIMEOUT_MS}, fault seed ${options.seed}. Faults while documents flowed: ` +
      `${kills} SIGKILLs (${options.kills} of each of the ${SERVICE_NAMES.length} services, each started again ` +
      `${RESTART_DELAY_MS / 1000} s later), one Kafka broker restart and one database restart (FerretDB and ` +
      `PostgreSQL stopped in order), and ${stackKills} SIGKILLs of the stack's processes (PostgreSQL, FerretDB and ` +
      `Kafka ${options.stackKills}× each); the runner's stack supervision started each again on its data. Run time ` +
      `${fmt(run.durationS, 0)} s from the first document to the reconciliation.`,
    '',
    '| stage | messages |',
    '|---|---|',
    ...run.stages.topics.map(({ topic, messages }) => `| ${topic} | ${messages} |`),
    ...run.stages.deadLetters
      .filter(({ messages }) => messages > 0)
      .map(({ topic, messages }) => `| ${topic} (dead letters) | ${messages} |`),
    '',
    'Reconciliation (`inkstream audit`, libs/audit), per raw document:',
    '',
    '| raw in | stored | duplicates | empty | dead letters (planned) | articles | **lost** | **stored twice** | **versions never published** | **squats stored** |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${summary.rawIn} | ${summary.byStatus.stored} | ${summary.byStatus.duplicate} | ${summary.byStatus.empty} | ` +
      `${deadLetters} (${run.expectedDeadLetters}) | ${summary.articles} | **${lost}** | **${summary.storedTwice}** | ` +
      `**${summary.unpublished}** | **${summary.squats}** |`,
    '',
    'Case documents published among the corpus while the faults struck (deploy/pipeline/bench/case-documents.ts), ' +
      'each judged on the audit of its documents:',
    '',
    '| case | instances | reached its outcome | expected outcome |',
    '|---|---|---|---|',
    ...caseKinds.map((kind) => {
      const verdicts = run.cases.filter((verdict) => verdict.kind === kind);
      const held = verdicts.filter((verdict) => verdict.failure === null).length;
      return `| ${kind} | ${verdicts.length} | ${held} | ${CASE_OUTCOMES[kind]} |`;
    }),
    '',
    'Per fault (the corpus is healthy input, so every dead letter but the planned ones is a finding; each is charged to the last fault ' +
      'before it was seen; lost, stored twice and versions never published are counted for the run as a whole, ' +
      'the table above, since the faults overlap in their effects):',
    '',
    '| # | fault | at | stack back after | dead letters from healthy input |',
    '|---|---|---|---|---|',
    ...run.faultRows.map(
      (row, index) =>
        `| ${index + 1} | ${describeFault(row.fault)} | ${fmt(row.atS)} s | ` +
        `${row.backS === null ? '—' : `${fmt(row.backS)} s`} | ${row.deadLetters} |`,
    ),
    ...(run.deadLettersBeforeFirstFault > 0
      ? [`| — | before the first fault | | | ${run.deadLettersBeforeFirstFault} |`]
      : []),
    '',
    '- A topic counts more messages than documents when a stage sent a batch again after a kill or a restart ' +
      '(at-least-once; the next stage and the store absorb the repeat), and news.clean.v1 carries a new version of ' +
      'an article each time a duplicate is attached to it.',
    `- Near-copies stored as a story of their own beside their original: ${run.copiesLetThrough.stored} of ` +
      `${run.copiesLetThrough.published} (the deduplicator's near-copy recall: not a story stored twice, which is one document's story stored as two articles).`,
    `- Services that exited on their own (not our SIGKILL): ${run.crashes.length === 0 ? 'none' : run.crashes.map(({ service, exit }) => `${service} (${exit})`).join(', ')}.`,
    `- Restarts that found the stack away at startup and were started again when it was back (exit ${EXIT_DEPENDENCY_UNAVAILABLE}, not crashes): ${run.waits.length === 0 ? 'none' : [...new Set(run.waits)].map((service) => `${service} ×${run.waits.filter((s) => s === service).length}`).join(', ')}.`,
    `- Peak RSS per service (bound ${options.maxRssMb} MB per process): ` +
      Object.entries(run.peakMb)
        .map(([service, mb]) => `${service} ${fmt(mb, 0)} MB`)
        .join(', ') +
      '.',
    `- Verdict: ${run.violations.length === 0 ? 'passed' : `FAILED: ${run.violations.join('; ')}`}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const pool = loadPool();
  // The corpus's share of near-copies comes on top of the distinct articles asked for.
  const total = Math.round(options.articles / (1 - DEFAULT_CORPUS_OPTIONS.duplicateShare));
  const articles = generateArticles(pool, total);
  const distinct = articles.filter((article) => article.copyOf === null).length;
  const casePlan = planCases(articles, pool, urlOf, { perKind: options.cases, seed: options.seed });
  const rawTotal = total + casePlan.documents.length;
  const bench = await startBenchStack(
    'resilience',
    options.partitions,
    { KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) },
    'fatal',
  );
  const { kafka, mongoUri } = bench;
  const admin = kafka.admin();
  const supervisor = new Supervisor(bench);
  // As `npm start` watches its stack: what a fault takes down comes back through the runner's own supervision.
  const stackSupervisor = superviseStack({
    dataDir: bench.stack.dataDir,
    ports: bench.stack.ports,
    log: (line) => log(`  ${line}`),
    detached: false,
    intervalMs: 500,
  });
  let passed = false;
  try {
    await admin.connect();
    const tracker = new Tracker();
    for (const url of expectedDeadLetters(casePlan.cases)) tracker.expectedDeadLetterUrls.add(url);
    const producer = new PipelineProducer(kafka, PREFIX);
    await producer.connect();
    const watcher = await watchOutcomes(kafka, tracker, 'resilience-outcome-watch');
    const plan = planFaults({
      services: SERVICE_NAMES,
      killsPerService: options.kills,
      killsPerStackProcess: options.stackKills,
      seed: options.seed,
    });
    const periodMs = (total / options.rate) * 1000;
    log(
      `${total} raw documents (${distinct} distinct) at ${options.rate}/s over ${fmt(periodMs / 1000, 0)} s; ` +
        `${plan.length} faults planned; ${casePlan.documents.length} case documents among them`,
    );
    const began = Date.now();
    let sendErrors = 0;
    const publishing = Promise.all([
      publishAtRate(producer, articles, tracker, options.rate, () => (sendErrors += 1)),
      publishCases(producer, casePlan.documents, began, periodMs, () => (sendErrors += 1)),
    ]);
    const injected: Array<{ fault: Fault; at: number; backS: number | null }> = [];
    for (const { at, fault } of plan) {
      const wait = began + at * periodMs - Date.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      const injectedAt = Date.now();
      log(`${describeFault(fault)} at ${fmt((injectedAt - began) / 1000)} s, ${tracker.done} of ${total} accounted`);
      injected.push({ fault, at: injectedAt, backS: await inject(fault, bench, supervisor, stackSupervisor) });
    }
    await publishing;
    log(`published ${rawTotal} raw documents (${sendErrors} bursts sent again after a send error)`);
    await supervisor.settled();
    const mongo = await connectMongo(mongoUri, { appName: 'resilience-audit' });
    let audit: AuditReport;
    try {
      // Grace 0: the audit runs once every stage has caught up, so a document without an outcome is not in flight.
      audit = await settle(tracker, total, admin, () => {
        const now = Date.now();
        return runAudit({
          kafka,
          admin,
          mongo,
          topicPrefix: PREFIX,
          window: { since: began - 5_000, until: now + 1_000 },
          now,
          inFlightGraceMs: 0,
        });
      });
    } finally {
      await mongo.close();
    }
    const durationS = (Date.now() - began) / 1000;
    const stages = await stageCounts(admin);
    supervisor.stop();
    await stackSupervisor.stop();
    await watcher.disconnect();
    await producer.disconnect();
    const charged = deadLettersByFault(
      injected.map(({ at }) => at),
      tracker.deadLetterTimes,
    );
    const faultRows: FaultRow[] = injected.map(({ fault, at, backS }, index) => ({
      fault,
      atS: (at - began) / 1000,
      backS,
      deadLetters: charged.perFault[index],
    }));

    const memory = judgeMemory(supervisor.samples, options.maxRssMb);
    const violations = auditViolations(audit);
    if (audit.summary.byStatus['in-flight'] > 0) {
      violations.push(`${audit.summary.byStatus['in-flight']} raw document(s) still in flight after the run settled`);
    }
    const cases = judgeCases(casePlan.cases, audit.accounts);
    for (const verdict of cases.filter(({ failure }) => failure !== null)) {
      violations.push(`case ${verdict.kind} #${verdict.instance}: ${verdict.failure}`);
    }
    const planned = expectedDeadLetters(casePlan.cases);
    const plannedDeadLetters = audit.accounts
      .filter((account) => account.url !== null && planned.has(account.url))
      .reduce((sum, account) => sum + account.deadLetters.length, 0);
    const deadLetters =
      Object.values(audit.summary.deadLettersByGroup).reduce((sum, count) => sum + count, 0) - plannedDeadLetters;
    if (deadLetters > 0) {
      const worst = faultRows
        .filter((row) => row.deadLetters > 0)
        .map((row) => `${row.deadLetters} after ${describeFault(row.fault)}`);
      violations.push(`${deadLetters} dead letter(s) from healthy input (${worst.join(', ') || 'none charged'})`);
    }
    if (audit.summary.rawIn !== rawTotal) {
      violations.push(`the audit read ${audit.summary.rawIn} raw documents back, ${rawTotal} were published`);
    }
    for (const sample of memory.over.slice(0, 3)) {
      violations.push(
        `${sample.service} (pid ${sample.pid}) at ${fmt(sample.rssMb, 0)} MB RSS, over ${options.maxRssMb} MB`,
      );
    }
    for (const account of audit.accounts.filter((entry) => entry.status === 'unaccounted').slice(0, 10)) {
      log(`  lost: ${account.rawDocumentId} ${account.url} (partition ${account.partition}, offset ${account.offset})`);
    }
    const report = formatReport(options, {
      copiesLetThrough: copiesLetThrough(audit, tracker),
      published: total,
      caseDocuments: casePlan.documents.length,
      distinct,
      durationS,
      faultRows,
      deadLettersBeforeFirstFault: charged.beforeFirst,
      crashes: supervisor.crashes,
      waits: supervisor.waits,
      audit,
      stages,
      peakMb: memory.peakMb,
      cases,
      expectedDeadLetters: plannedDeadLetters,
      violations,
    });
    process.stdout.write(`\n${report}\n`);
    if (violations.length > 0) {
      // Which documents, with their articles, duplicates and dead letters: what the next engineer needs to find why.
      process.stdout.write(`\n${formatAuditReport(audit, 20)}\n`);
      const lost = audit.accounts.filter((entry) => entry.status === 'unaccounted').map((entry) => entry.rawDocumentId);
      if (lost.length > 0) {
        const window = { since: began - 5_000, until: Date.now() + 1_000 };
        const trail = await lostTrail({ kafka, admin, topicPrefix: PREFIX, window }, lost);
        process.stdout.write(`\n${formatLostTrail(trail)}\n`);
      }
      if (lost.length > 0 || audit.unpublished.length > 0) {
        const unaccounted = audit.accounts.filter((entry) => entry.status === 'unaccounted').slice(0, 20);
        const recheck = await recheckInDatabase(mongoUri, unaccounted, audit.unpublished.slice(0, 20)).catch(
          (error: unknown) => `Read back one by one: failed (${String(error)})`,
        );
        process.stdout.write(`\n${recheck}\n\n${databaseLogNotes(bench.stack.dataDir)}\n`);
      }
      throw new Error(`resilience run failed: ${violations.join('; ')}`);
    }
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'reliability.md'), 'Resilience run', report);
      log('written to docs/reliability.md');
    }
    passed = true;
  } finally {
    supervisor.stop();
    await stackSupervisor.stop();
    await admin.disconnect().catch(() => undefined);
    // A failed run keeps the stack's data and its logs (PostgreSQL, FerretDB, Kafka): the trail of a lost write.
    await bench.stop({ keepData: !passed });
  }
}

runBench(main);
