import { serviceMain } from '@inkstream/runtime';
import { fetcherService } from './fetcher.definition';

serviceMain(fetcherService);
