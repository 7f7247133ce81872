export * from './fetcher-config';
export * from './fetcher.definition';
export { createScheduler } from './fetcher.module';
export { Scheduler } from './scheduler';
