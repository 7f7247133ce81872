export { splitterService } from './splitter.definition';
export { rawContent } from './raw-content';
export { toArticleCandidate } from './to-candidate';
