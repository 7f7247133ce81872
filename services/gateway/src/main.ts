import { serviceMain } from '@inkstream/runtime';
import { gatewayService } from './gateway.service';

serviceMain(gatewayService);
