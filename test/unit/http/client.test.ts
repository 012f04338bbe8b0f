import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Timeouts } from '../../../src/config/options.js';
import { isHarnessError } from '../../../src/errors.js';
import { type ClientOptions, createClient, rawBody } from '../../../src/http/client.js';
import { type HostileServer, sendJson, startHostileServer } from '../../support/hostile-server.js';
import { createFakeClock } from './fake-clock.js';

const TIMEOUTS: Timeouts = { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000, totalMs: 10_000 };

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(): Promise<HostileServer> {
  const server = await startHostileServer();
  cleanups.push(() => server.close());
  return server;
}

function startClient(server: HostileServer, options: Partial<ClientOptions> = {}) {
  const client = createClient({
    baseUrl: server.url,
    timeouts: TIMEOUTS,
    maxBodyBytes: 1024 * 1024,
    concurrency: 4,
    ...options,
  });
  cleanups.push(() => client.close());
  return client;
}

/** Makes `name` respond 429 (with `retryAfter`, when given) `count` times, then 200. */
function routeTooManyRequests(
  server: HostileServer,
  name: string,
  count: number,
  retryAfter?: string,
) {
  let responses = 0;
  server.route(name, (_request, response) => {
    responses += 1;
    if (responses > count) return sendJson(response, 200, { ok: true });
    const headers = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
    sendJson(response, 429, { type: 'rate_limited' }, headers);
  });
}

describe('createClient', () => {
  it('posts JSON to the versioned method path', async () => {
    const server = await startServer();
    const client = startClient(server);
    const exchange = await client.send({
      method: 'repairer.jobs.get',
      headers: { authorization: 'Bearer key-123456' },
      body: { external: 'CCC-2026-04817' },
    });

    const received = server.requests[0];
    expect(received?.verb).toBe('POST');
    expect(received?.url).toBe('/api/2026-01/repairer.jobs.get');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['accept-encoding']).toBeUndefined();
    expect(received?.body).toBe('{"external":"CCC-2026-04817"}');
    expect(exchange.request.url).toBe(`${server.url}/api/2026-01/repairer.jobs.get`);
    expect(exchange.request.body).toBe('{"external":"CCC-2026-04817"}');
    expect(exchange.response?.status).toBe(200);
  });

  it('decodes a gzip body before parsing it', async () => {
    const server = await startServer();
    server.route('zipped', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync('{"ok":true}'));
    });
    const client = startClient(server);
    const exchange = await client.send({ method: 'zipped', headers: {}, id: 'case-7' });

    expect(exchange.id).toBe('case-7');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.json).toEqual({ ok: true });
  });

  it('records a body that claims gzip but is not', async () => {
    const server = await startServer();
    server.route('fake-zip', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end('{"ok":true}');
    });
    const client = startClient(server);
    const exchange = await client.send({ method: 'fake-zip', headers: {} });

    expect(exchange.error?.code).toBe('invalid-response');
    expect(exchange.response?.status).toBe(200);
  });

  it('sends a raw body as given without a content type', async () => {
    const server = await startServer();
    const client = startClient(server);
    await client.send({ method: 'repairer.jobs.get', headers: {}, body: rawBody('{"broken":') });

    expect(server.requests[0]?.body).toBe('{"broken":');
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('sends the given verb and no body', async () => {
    const server = await startServer();
    const client = startClient(server);
    const exchange = await client.send({ method: 'repairer.jobs.get', verb: 'GET', headers: {} });

    expect(server.requests[0]?.verb).toBe('GET');
    expect(server.requests[0]?.body).toBe('');
    expect(exchange.request.body).toBeUndefined();
  });

  it('keeps the path prefix of the base URL', async () => {
    const server = await startServer();
    const client = startClient(server, { baseUrl: `${server.url}/tenant-a/gateway/` });
    await client.send({ method: 'repairer.jobs.get', headers: {} });
    const exchange = await client.send({
      method: 'spec',
      verb: 'GET',
      path: '/openapi.json',
      headers: {},
    });

    expect(server.requests[0]?.url).toBe('/tenant-a/gateway/api/2026-01/repairer.jobs.get');
    expect(server.requests[1]?.url).toBe('/tenant-a/gateway/openapi.json');
    expect(exchange.request.url).toBe(`${server.url}/tenant-a/gateway/openapi.json`);
  });

  it('reuses one socket for sequential requests', async () => {
    const server = await startServer();
    const client = startClient(server, { concurrency: 1 });
    for (let index = 0; index < 10; index += 1) {
      const exchange = await client.send({ method: 'echo', headers: {}, body: { index } });
      expect(exchange.response?.status).toBe(200);
    }

    expect(server.requests).toHaveLength(10);
    expect(server.connectionCount()).toBe(1);
  });

  it('reuses sockets across many concurrent requests', async () => {
    const server = await startServer();
    const client = startClient(server, { concurrency: 4 });
    const sends = Array.from({ length: 40 }, () => client.send({ method: 'echo', headers: {} }));
    await Promise.all(sends);

    expect(server.requests).toHaveLength(40);
    expect(server.connectionCount()).toBeLessThanOrEqual(4);
  });

  it('never has more requests in flight than the concurrency', async () => {
    const server = await startServer();
    const client = startClient(server, { concurrency: 3 });
    const sends = Array.from({ length: 12 }, () =>
      client.send({ method: 'slow', path: '/slow?ms=100', headers: {} }),
    );
    const exchanges = await Promise.all(sends);

    expect(exchanges.every((exchange) => exchange.response?.status === 200)).toBe(true);
    expect(client.stats().maxInFlight).toBe(3);
    expect(server.peakInFlight()).toBeLessThanOrEqual(3);
    expect(server.connectionCount()).toBeLessThanOrEqual(3);
  });

  it('stops sending once the budget is spent', async () => {
    const server = await startServer();
    const client = startClient(server, { maxRequests: 3 });
    const exchanges = [];
    for (let index = 0; index < 5; index += 1) {
      exchanges.push(await client.send({ method: 'echo', headers: {} }));
    }

    expect(server.requests).toHaveLength(3);
    expect(exchanges.map((exchange) => exchange.error?.code)).toEqual([
      undefined,
      undefined,
      undefined,
      'budget-exhausted',
      'budget-exhausted',
    ]);
    expect(exchanges[4]?.response).toBeUndefined();
    expect(client.stats()).toMatchObject({ sent: 3, budgetExhausted: true, rejectedByBudget: 2 });
  });

  it('holds the budget under concurrent sends', async () => {
    const server = await startServer();
    const client = startClient(server, { maxRequests: 4, concurrency: 8 });
    const sends = Array.from({ length: 10 }, () => client.send({ method: 'echo', headers: {} }));
    const exchanges = await Promise.all(sends);

    const rejected = exchanges.filter((exchange) => exchange.error?.code === 'budget-exhausted');
    expect(server.requests).toHaveLength(4);
    expect(rejected).toHaveLength(6);
  });

  it('spaces requests to the rate', async () => {
    const server = await startServer();
    const clock = createFakeClock();
    const client = startClient(server, { ratePerSecond: 5, clock, concurrency: 1 });
    for (let index = 0; index < 4; index += 1) {
      await client.send({ method: 'echo', headers: {} });
    }

    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([200, 200, 200]);
  });

  it('waits for a Retry-After in seconds and retries', async () => {
    const server = await startServer();
    routeTooManyRequests(server, 'limited', 1, '1');
    const clock = createFakeClock();
    const client = startClient(server, { clock });
    const exchange = await client.send({ method: 'limited', headers: {} });

    expect(clock.sleeps).toEqual([1_000]);
    expect(server.requests).toHaveLength(2);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toBe(1);
    expect(client.stats()).toMatchObject({ sent: 2, retried429: 1 });
  });

  it('waits for a Retry-After HTTP date and retries', async () => {
    const server = await startServer();
    const clock = createFakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    routeTooManyRequests(server, 'limited', 1, new Date(clock.now() + 3_000).toUTCString());
    const client = startClient(server, { clock });
    const exchange = await client.send({ method: 'limited', headers: {} });

    expect(clock.sleeps).toEqual([3_000]);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toBe(1);
  });

  it('caps a long Retry-After', async () => {
    const server = await startServer();
    routeTooManyRequests(server, 'limited', 1, '3600');
    const clock = createFakeClock();
    const client = startClient(server, { clock, maxRetryAfterMs: 5_000 });
    await client.send({ method: 'limited', headers: {} });

    expect(clock.sleeps).toEqual([5_000]);
  });

  it('waits a default second for a 429 without Retry-After', async () => {
    const server = await startServer();
    routeTooManyRequests(server, 'limited', 1);
    const clock = createFakeClock();
    const client = startClient(server, { clock });
    await client.send({ method: 'limited', headers: {} });

    expect(clock.sleeps).toEqual([1_000]);
  });

  it('stops retrying at the retry cap', async () => {
    const server = await startServer();
    routeTooManyRequests(server, 'limited', 100, '1');
    const clock = createFakeClock();
    const client = startClient(server, { clock, maxRetries: 2 });
    const exchange = await client.send({ method: 'limited', headers: {} });

    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retries).toBe(2);
  });

  it('never retries a 500', async () => {
    const server = await startServer();
    server.route('failing', (_request, response) => sendJson(response, 500, { type: 'internal' }));
    const clock = createFakeClock();
    const client = startClient(server, { clock });
    const exchange = await client.send({ method: 'failing', headers: {} });

    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(exchange.response?.status).toBe(500);
    expect(exchange.retries).toBeUndefined();
  });

  it('counts retries against the budget', async () => {
    const server = await startServer();
    routeTooManyRequests(server, 'limited', 100, '1');
    const clock = createFakeClock();
    const client = startClient(server, { clock, maxRetries: 5, maxRequests: 2 });
    const exchange = await client.send({ method: 'limited', headers: {} });

    expect(server.requests).toHaveLength(2);
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retries).toBe(1);
    expect(client.stats().budgetExhausted).toBe(true);
  });

  it('rejects a send after close', async () => {
    const server = await startServer();
    const client = createClient({
      baseUrl: server.url,
      timeouts: TIMEOUTS,
      maxBodyBytes: 1024,
      concurrency: 1,
    });
    await client.close();

    const error = await client.send({ method: 'echo', headers: {} }).catch((caught) => caught);
    expect(isHarnessError(error)).toBe(true);
  });

  it('rejects a base URL that is not http', () => {
    const create = () =>
      createClient({
        baseUrl: 'ftp://127.0.0.1/',
        timeouts: TIMEOUTS,
        maxBodyBytes: 1024,
        concurrency: 1,
      });
    expect(create).toThrow(/Invalid target URL "ftp:\/\/127.0.0.1\/"/);
  });
});
