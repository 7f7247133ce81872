import { serviceMain } from '@inkstream/runtime';
import { storeService } from './store.definition';

serviceMain(storeService);
