import { serviceMain } from '@inkstream/runtime';
import { gatewayService } from './gateway.definition';

serviceMain(gatewayService);
