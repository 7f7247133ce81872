export { gatewayService, gatewayServiceFor } from './gateway.definition';
