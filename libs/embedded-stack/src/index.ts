// @inkstream/embedded-stack: Kafka, and FerretDB on PostgreSQL, as local processes (see README.md). The runner
// (deploy/pipeline), the stack CLI (deploy/local) and the test harness (libs/testing) start, stop and watch it here.
export {
  embeddedStackStatus,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  type ComponentStatus,
  type RunningStack,
  type StackStatus,
  type StartStackOptions,
  type StopOptions,
  type StopOutcome,
  type StopResult,
} from './stack';
export { ensureStackBinaries, type EnsureBinariesOptions, type StackBinaries } from './binaries';
export {
  DEFAULT_PORTS,
  REPO_ROOT,
  resolveDataDir,
  STACK_ENV,
  stackPaths,
  type StackLogger,
  type StackPaths,
  type StackPorts,
} from './config';
export { findFreePorts, isAlive, writePidRecord, type StackComponent } from './processes';
// Readiness probes: what the harness checks an external stack with.
export { mongoAnswers } from './ferretdb';
export { kafkaAnswers } from './kafka';
export type { KafkaUser, SecureListenerOptions } from './kafka-secure-listeners';
export { psql } from './postgres/cluster';
