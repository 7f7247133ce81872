export { storeService } from './store.definition';
