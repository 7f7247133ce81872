import { serviceMain } from '@inkstream/runtime';
import { splitterService } from './splitter.definition';

serviceMain(splitterService);
