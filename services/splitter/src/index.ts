export { splitterService } from './splitter.definition';
