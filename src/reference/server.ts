import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../errors.js';
import { dispatch, type TargetState } from './dispatch.js';
import { FAULTS_ENVIRONMENT_VARIABLE, parseFaultList, resolveFaults } from './faults.js';
import { METHODS_BY_NAME } from './method-table.js';
import type { MethodDefinition } from './method-types.js';
import { errorReply, jsonReply, type Reply } from './reply.js';
import { TenantStore } from './tenants.js';

/** Options of {@link startReferenceTarget}. */
export interface ReferenceTargetOptions {
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default: 0. */
  port?: number;
  /** Fault switches to turn on, added to those of `PARTLY_REFERENCE_FAULTS`. Default: none. */
  faults?: string[];
  /** Milliseconds after which an unused tenant world is dropped. Default: 1 hour. */
  tenantIdleMs?: number;
  /** Most tenant worlds held at once; the least recently used goes first. Default: 10 000. */
  maxTenants?: number;
  /** Receives each unexpected error of the target itself; the request gets a 500. */
  onInternalError?: (error: unknown) => void;
}

/** A running reference target. */
export interface ReferenceTarget {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string;
  /** The fault switches that are on. */
  faults: string[];
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const DEFAULT_TENANT_IDLE_MS = 60 * 60 * 1000;
const DEFAULT_MAX_TENANTS = 10_000;
/** Max request body size in bytes; a larger body gets a 413. */
const MAX_BODY_BYTES = 1024 * 1024;
const API_PATH_PREFIX = '/api/2026-01/';
/** The `rate-limit` fault returns 429 for every n-th request. */
const RATE_LIMIT_EVERY = 5;

interface ServerState extends TargetState {
  requestCount: number;
  onInternalError: (error: unknown) => void;
}

/**
 * Starts the embedded reference target: all 17 methods in memory, one seeded world per
 * `x-partifact-tenant` value, plus the named fault switches.
 * @throws HarnessError `HARNESS_CONFIG_INVALID` for an unknown fault or a port that cannot be used.
 */
export async function startReferenceTarget(
  options: ReferenceTargetOptions = {},
): Promise<ReferenceTarget> {
  const environmentFaults = parseFaultList(process.env[FAULTS_ENVIRONMENT_VARIABLE]);
  const faults = resolveFaults([...(options.faults ?? []), ...environmentFaults]);
  const idleMs = options.tenantIdleMs ?? DEFAULT_TENANT_IDLE_MS;
  const state: ServerState = {
    tenants: new TenantStore({ idleMs, maxTenants: options.maxTenants ?? DEFAULT_MAX_TENANTS }),
    faults,
    requestCount: 0,
    onInternalError: options.onInternalError ?? (() => {}),
  };

  const server = createServer((request, response) => handleRequest(state, request, response));
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port ?? 0);

  const sweepTimer = setInterval(() => state.tenants.sweep(), Math.min(idleMs, 60_000));
  sweepTimer.unref();

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    faults: [...faults],
    close: async () => {
      clearInterval(sweepTimer);
      await closeServer(server);
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reject(
        new HarnessError(
          'HARNESS_CONFIG_INVALID',
          `Cannot listen on ${host}:${port}: ${error.message}; choose another host or port`,
          { cause: error },
        ),
      );
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Stops accepting, lets requests in flight finish for up to a second, then cuts the rest. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => server.closeAllConnections(), 1000);
    forceTimer.unref();
    server.close(() => {
      clearTimeout(forceTimer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function handleRequest(state: ServerState, request: IncomingMessage, response: ServerResponse) {
  // Every request counts toward the rate limit, including 404 and 405 ones.
  state.requestCount += 1;
  if (state.faults.has('rate-limit') && state.requestCount % RATE_LIMIT_EVERY === 0) {
    request.resume();
    send(response, jsonReply(429, { type: 'rate_limited' }, { 'retry-after': '1' }));
    return;
  }

  // The method is checked before the verb, so `GET /api/2026-01/unknown` is a 404, not a 405.
  const method = routeMethod(request.url);
  if (method === undefined) {
    request.resume();
    send(response, jsonReply(404, { type: 'not_found' }));
    return;
  }
  if (request.method !== 'POST') {
    // The contract defines no body for other verbs; this one follows its `{"type"}` shape.
    request.resume();
    send(response, jsonReply(405, { type: 'method_not_allowed' }, { allow: 'POST' }));
    return;
  }

  readBody(request).then(
    (bodyText) => send(response, answer(state, method, request, bodyText)),
    () => request.destroy(),
  );
}

function answer(
  state: ServerState,
  method: MethodDefinition,
  request: IncomingMessage,
  bodyText: string | undefined,
): Reply {
  if (bodyText === undefined) {
    const reply = errorReply(method, 'bad_request', state.faults);
    return { ...reply, status: 413, headers: { ...reply.headers, connection: 'close' } };
  }
  try {
    return dispatch(state, method, request.headers, bodyText);
  } catch (error) {
    state.onInternalError(error);
    return jsonReply(500, { type: 'internal' });
  }
}

/**
 * Finds the method named by the last path segment of `/api/2026-01/<method>`. Anything before the
 * last `/api/` is ignored, so a base URL with a path prefix works; the query string is ignored.
 */
function routeMethod(url: string | undefined): MethodDefinition | undefined {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  const apiPath = path.slice(Math.max(0, path.lastIndexOf('/api/')));
  if (!apiPath.startsWith(API_PATH_PREFIX)) {
    return undefined;
  }
  return METHODS_BY_NAME.get(apiPath.slice(API_PATH_PREFIX.length));
}

/** Reads the body as UTF-8; resolves undefined once it passes {@link MAX_BODY_BYTES}. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep draining so the client can read the 413, but store nothing more.
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent) {
    return;
  }
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': Buffer.byteLength(reply.body),
  });
  response.end(reply.body);
}
