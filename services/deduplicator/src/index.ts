export { deduplicatorService, deduplicatorServiceFor } from './deduplicator.definition';
