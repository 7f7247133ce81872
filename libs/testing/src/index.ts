// @inkstream/testing: what integration tests use to reach the real Kafka broker and MongoDB-protocol server that
// jest's global setup (global-setup.ts) starts once per run.
export {
  testStack,
  testStackInfo,
  TEST_STACK_ENV,
  type TestStack,
  type TestStackInfo,
  type TestStackMode,
} from './stack-info';
export { uniqueName, mongoUriFor } from './names';
export {
  createTopics,
  consumeMessages,
  decodeHeaders,
  type ConsumeOptions,
  type DecodedMessage,
  type TopicSpec,
} from './kafka';
export { waitFor, type WaitForOptions } from './wait-for';
export { postgresSessionsStarted } from './postgres-sessions';
export { pipelineFixture, serviceTestEnv, type PipelineFixture, type ServiceTestEnv } from './pipeline-fixture';
export { startPrivateStack, type PrivateStack } from './private-stack';
export { startSecureKafka, type SecureKafka } from './secure-kafka';
export { generateTestCertificates, type TestCertificates } from './certificates';
