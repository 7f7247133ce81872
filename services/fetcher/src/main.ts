import { serviceMain } from '@inkstream/runtime';
import { fetcherService } from './fetcher.service';

serviceMain(fetcherService);
