export * from './audit';
export * from './reconcile';
export * from './report-format';
export * from './time-window';
export * from './topic-range';
