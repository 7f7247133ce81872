import { serviceMain } from '@inkstream/runtime';
import { splitterService } from './splitter.service';

serviceMain(splitterService);
