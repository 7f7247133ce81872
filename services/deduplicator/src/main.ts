import { serviceMain } from '@inkstream/runtime';
import { deduplicatorService } from './deduplicator.service';

serviceMain(deduplicatorService);
