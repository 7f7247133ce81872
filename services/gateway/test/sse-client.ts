// A minimal Server-Sent Events client over node:http for the stream tests: it can be cut off mid-stream, which is
// the point (EventSource hides its reconnects).
import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private listeners: Array<() => void> = [];

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.feed(chunk));
  }

  /** Connects and resolves once the server says the stream is live (or with the error status it answered). */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
        const client = new SseClient(req, response);
        if (response.statusCode !== 200) {
          resolve(client);
          return;
        }
        client.until(() => client.comments.includes('live'), 30_000).then(() => resolve(client), reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Waits (without assuming timing) until `condition` holds; rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((listener) => listener !== check);
        reject(new Error(`SSE condition not met within ${timeoutMs} ms (${this.events.length} events so far)`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== check);
        resolve();
      };
      this.listeners.push(check);
    });
  }

  /** The client goes away abruptly, as a dropped connection would. */
  cut(): void {
    this.response.removeAllListeners('data');
    this.req.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      this.parseFrame(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
    }
    for (const listener of [...this.listeners]) listener();
  }

  private parseFrame(frame: string): void {
    const event: SseEvent = { id: null, event: 'message', data: '' };
    let isEvent = false;
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) {
        event.data += line.slice(6);
        isEvent = true;
      }
    }
    if (isEvent) this.events.push(event);
  }
}
