import { serviceMain } from '@inkstream/runtime';
import { storeService } from './store.service';

serviceMain(storeService);
