export * from './fetcher-config';
export * from './fetcher.service';
export { createScheduler } from './fetcher.module';
export { Scheduler } from './scheduler';
