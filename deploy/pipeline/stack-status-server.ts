// The stack's supervision over HTTP, so the gateway's dashboard shows it as it shows a service: the runner lists
// `stack=<this server>` in GATEWAY_SERVICE_URLS, and the gateway scrapes `/health` (and `/metrics`, empty here).
import { createServer, type Server } from 'node:http';
import { stackHealthReport, type StackSupervision } from './stack-supervision';

export async function serveStackStatus(host: string, port: number, current: () => StackSupervision): Promise<Server> {
  const startedAt = Date.now();
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') {
      const report = stackHealthReport(current(), Math.round((Date.now() - startedAt) / 1000));
      response.writeHead(report.status === 'up' ? 200 : 503, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(report));
    } else if (request.method === 'GET' && request.url === '/metrics') {
      response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      response.end('');
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('GET /health or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
