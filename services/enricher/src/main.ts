import { serviceMain } from '@inkstream/runtime';
import { enricherService } from './enricher.definition';

serviceMain(enricherService);
