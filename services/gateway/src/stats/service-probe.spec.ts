import { HealthRegistry, PipelineMetrics } from '@inkstream/observability';
import { loadGatewayConfig } from '../gateway-config';
import { ServiceProbe } from './service-probe';

describe('ServiceProbe', () => {
  it('lists the gateway once, even when the configured service list names it too (as npm start does)', async () => {
    const config = loadGatewayConfig({
      GATEWAY_SERVICE_URLS: 'gateway=http://127.0.0.1:1,splitter=http://127.0.0.1:1',
      GATEWAY_SCRAPE_TIMEOUT_MS: '500',
    });
    const probe = new ServiceProbe(new HealthRegistry('gateway'), new PipelineMetrics('gateway'), config);
    const services = await probe.probeAll();
    expect(services.map((service) => service.name)).toEqual(['gateway', 'splitter']);
    expect(services[1].status).toBe('unreachable');
  });
});
