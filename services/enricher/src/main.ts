import { serviceMain } from '@inkstream/runtime';
import { enricherService } from './enricher.service';

serviceMain(enricherService);
