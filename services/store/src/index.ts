export { storeService, storeServiceFor } from './store.definition';
