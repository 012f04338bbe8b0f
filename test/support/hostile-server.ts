import { once } from 'node:events';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** A request as the hostile server received it. */
export interface ReceivedRequest {
  verb: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Handles one request; `body` is the request body, already read. */
export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface HostileServerOptions {
  /** Milliseconds between the bytes of the `drip` behaviour. Default: 1 000. */
  dripIntervalMs?: number;
  /** Bytes of the `huge` body. Default: 200 MiB. */
  hugeBytes?: number;
  /** Decompressed bytes of the `gzip-bomb` body. Default: 1 GiB. */
  bombBytes?: number;
}

/** A loopback HTTP server that misbehaves in one way per path. */
export interface HostileServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in arrival order. */
  requests: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connectionCount(): number;
  /** Most requests open at once (received, response not yet finished or closed). */
  peakInFlight(): number;
  /** Adds or replaces the handler of the behaviour `name` (the last path segment). */
  route(name: string, handler: Handler): void;
  /** Serves the behaviour `behaviour` at paths whose last segment is `name`, such as a method. */
  alias(name: string, behaviour: HostileBehaviour): void;
  /** Destroys every socket, stops every timer and stream, and closes the server. */
  close(): Promise<void>;
}

/**
 * The misbehaviours, each served at any path whose last segment is its name, such as
 * `/api/2026-01/silent`. Other names can be added with `route`.
 */
export const HOSTILE_BEHAVIOURS = [
  'silent',
  'headers-then-stall',
  'stall-mid-body',
  'reset',
  'huge',
  'not-json',
  'proxy-502',
  'invalid-utf8',
  'wrong-length',
  'gzip-bomb',
  'redirect-loop',
  'drip',
  'empty',
  'duplicate-keys',
  'garbage',
] as const;

export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

/** Body of `duplicate-keys`: `/id` and `/nested/a` are repeated. */
export const DUPLICATE_KEYS_BODY = '{"id":1,"id":2,"nested":{"a":true,"a":false}}';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
const ZEROS = Buffer.alloc(64 * 1024);

/** Starts a hostile server on an ephemeral loopback port. */
export async function startHostileServer(
  options: HostileServerOptions = {},
): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: ReceivedRequest[] = [];
  const handlers = new Map<string, Handler>(
    Object.entries(createBehaviours(options, timers)) as Array<[string, Handler]>,
  );
  let connections = 0;
  let inFlight = 0;
  let peak = 0;

  const server = createServer((request, response) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    void readRequest(request).then((body) => {
      requests.push({
        verb: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      dispatch(handlers, request, response, body);
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connectionCount: () => connections,
    peakInFlight: () => peak,
    route: (name, handler) => {
      handlers.set(name, handler);
    },
    alias: (name, behaviour) => {
      const handler = handlers.get(behaviour);
      if (handler) {
        handlers.set(name, handler);
      }
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readRequest(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function dispatch(
  handlers: Map<string, Handler>,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
): void {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const name = path.split('/').at(-1) ?? '';
  const handler = handlers.get(name) ?? echo;
  handler(request, response, body);
}

/** Responds 200 with a JSON record of the request: verb, path, headers and body. */
export function echo(request: IncomingMessage, response: ServerResponse, body: string): void {
  sendJson(response, 200, {
    verb: request.method,
    url: request.url,
    headers: request.headers,
    body,
  });
}

/** Sends a JSON body with its content length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function createBehaviours(
  options: HostileServerOptions,
  timers: Set<NodeJS.Timeout>,
): Record<HostileBehaviour | 'slow', Handler> {
  return {
    // Holds the request open until the client gives up or the server closes.
    silent: () => {},
    'headers-then-stall': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
      response.flushHeaders();
    },
    'stall-mid-body': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
      response.write('{"partial":');
    },
    reset: (request) => {
      request.socket.resetAndDestroy();
    },
    huge: (_request, response) => streamHuge(response, options.hugeBytes ?? 200 * 1024 * 1024),
    'not-json': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('this is not json');
    },
    'proxy-502': (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html', server: 'nginx' });
      response.end(
        '<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>',
      );
    },
    'invalid-utf8': (_request, response) => {
      const body = Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]);
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length,
      });
      response.end(body);
    },
    'wrong-length': (request) => {
      const head = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100';
      request.socket.end(`${head}\r\nconnection: close\r\n\r\n{"short":true}`);
    },
    'gzip-bomb': (_request, response) => streamBomb(response, options.bombBytes ?? 1024 ** 3),
    'redirect-loop': (request, response) => {
      response.writeHead(302, { location: request.url ?? '/', 'content-length': 0 });
      response.end();
    },
    drip: (_request, response) => drip(response, options.dripIntervalMs ?? 1000, timers),
    empty: (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 0 });
      response.end();
    },
    'duplicate-keys': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(DUPLICATE_KEYS_BODY);
    },
    garbage: (request) => {
      request.socket.end('NOT HTTP AT ALL\r\n\r\n');
    },
    // Responds like `echo` after `?ms=` milliseconds (default 200), to hold requests in flight.
    slow: (request, response, body) => {
      const delay = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('ms'));
      const timer = setTimeout(() => {
        timers.delete(timer);
        echo(request, response, body);
      }, delay || 200);
      timers.add(timer);
    },
  };
}

/** Writes `total` bytes in reused 64 KiB chunks, waiting for `drain`, so memory stays flat. */
function streamHuge(response: ServerResponse, total: number): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': total });
  let written = 0;
  const writeMore = (): void => {
    while (written < total && !response.destroyed) {
      const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, total - written));
      written += chunk.length;
      if (!response.write(chunk)) return;
    }
    if (written >= total) response.end();
  };
  response.on('drain', writeMore);
  writeMore();
}

/** Streams `total` zero bytes through gzip, compressed on the fly as the client reads. */
function streamBomb(response: ServerResponse, total: number): void {
  let produced = 0;
  const zeros = new Readable({
    read() {
      if (produced >= total) {
        this.push(null);
        return;
      }
      const chunk = ZEROS.subarray(0, Math.min(ZEROS.length, total - produced));
      produced += chunk.length;
      this.push(chunk);
    },
  });
  const gzip = createGzip();
  response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  response.once('close', () => {
    zeros.destroy();
    gzip.destroy();
  });
  zeros.pipe(gzip).pipe(response);
}

/** Sends one byte per interval forever, so only a total deadline ends the exchange. */
function drip(response: ServerResponse, intervalMs: number, timers: Set<NodeJS.Timeout>): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.flushHeaders();
  const timer = setInterval(() => {
    if (response.destroyed) {
      clearInterval(timer);
      timers.delete(timer);
      return;
    }
    response.write(' ');
  }, intervalMs);
  timers.add(timer);
}
