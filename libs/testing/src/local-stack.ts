// The harness's bridge to the embedded stack in deploy/local (process management shared with `npm run stack:*`).
export {
  findFreePorts,
  isAlive,
  kafkaAnswers,
  mongoAnswers,
  psql,
  REPO_ROOT,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  writePidRecord,
  type RunningStack,
  type StackComponent,
  type StackPorts,
} from '@inkstream/local-stack';
