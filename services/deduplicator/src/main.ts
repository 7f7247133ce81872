import { serviceMain } from '@inkstream/runtime';
import { deduplicatorService } from './deduplicator.definition';

serviceMain(deduplicatorService);
