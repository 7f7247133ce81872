export { enricherService } from './enricher.definition';
