import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeouts } from '../../../src/config/options.js';
import { createClient, type HttpClient } from '../../../src/http/client.js';
import type { Exchange, TransportErrorCode } from '../../../src/http/types.js';
import {
  DUPLICATE_KEYS_BODY,
  HOSTILE_BEHAVIOURS,
  type HostileBehaviour,
  type HostileServer,
  startHostileServer,
} from '../../support/hostile-server.js';

const TIMEOUTS: Timeouts = { connectMs: 800, headersMs: 500, bodyMs: 800, totalMs: 5_000 };
/** The drip sends a byte a second, so the body timeout must be longer for the deadline to act. */
const DRIP_TIMEOUTS: Timeouts = { connectMs: 800, headersMs: 500, bodyMs: 1_500, totalMs: 2_500 };
const CAP = 1024 * 1024;
const MIB = 1024 * 1024;

let server: HostileServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startHostileServer();
  client = createClient({
    baseUrl: server.url,
    timeouts: TIMEOUTS,
    maxBodyBytes: CAP,
    concurrency: 8,
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function send(behaviour: HostileBehaviour, target: HttpClient = client): Promise<Exchange> {
  return target.send({ method: behaviour, headers: {}, body: { probe: behaviour } });
}

/** Runs `work` while sampling the resident set size, and returns the peak growth in bytes. */
async function measurePeakGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

describe('hostile server behaviours', () => {
  it('times out a server that never answers', async () => {
    const exchange = await send('silent');
    expect(exchange.error?.code).toBe('headers-timeout');
    expect(exchange.response).toBeUndefined();
  });

  it('times out a body that never starts', async () => {
    const exchange = await send('headers-then-stall');
    expect(exchange.error?.code).toBe('body-timeout');
    expect(exchange.response?.status).toBe(200);
  });

  it('times out a body that stalls midway and keeps the part read', async () => {
    const exchange = await send('stall-mid-body');
    expect(exchange.error?.code).toBe('body-timeout');
    expect(exchange.response?.bodyText).toBe('{"partial":');
    expect(exchange.response?.json).toBeUndefined();
  });

  it('records a connection reset', async () => {
    const exchange = await send('reset');
    expect(exchange.error?.code).toBe('connection-reset');
    expect(exchange.error?.message).not.toContain('\n');
  });

  it('stops a 200 MB body at the cap', async () => {
    let exchange: Exchange | undefined;
    const growth = await measurePeakGrowth(async () => {
      exchange = await send('huge');
    });
    expect(exchange?.error?.code).toBe('body-too-large');
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.response?.bodyText).toHaveLength(CAP);
    expect(exchange?.response?.bodyBytes).toBeLessThan(2 * CAP);
    expect(growth).toBeLessThan(100 * MIB);
  });

  it('records a 200 whose body is not JSON', async () => {
    const exchange = await send('not-json');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.bodyText).toBe('this is not json');
    expect(exchange.response?.json).toBeUndefined();
    expect(exchange.response?.jsonError).toMatch(/not valid JSON/);
  });

  it('returns an HTML 502 from a proxy as a response', async () => {
    const exchange = await send('proxy-502');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(502);
    expect(exchange.response?.headers['content-type']).toBe('text/html');
    expect(exchange.response?.jsonError).toBeDefined();
  });

  it('records invalid UTF-8 instead of replacing it silently', async () => {
    const exchange = await send('invalid-utf8');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.jsonError).toBe('body is not valid UTF-8 at byte 9, not parsed');
    expect(exchange.response?.json).toBeUndefined();
    expect(exchange.response?.bodyText).toContain('\uFFFD');
  });

  it('records a body shorter than its content length', async () => {
    const exchange = await send('wrong-length');
    expect(exchange.error?.code).toBe('invalid-response');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.bodyText).toBe('{"short":true}');
    expect(exchange.response?.json).toBeUndefined();
  });

  it('stops a gzip bomb at the cap of decompressed bytes', async () => {
    let exchange: Exchange | undefined;
    const growth = await measurePeakGrowth(async () => {
      exchange = await send('gzip-bomb');
    });
    expect(exchange?.error?.code).toBe('body-too-large');
    expect(exchange?.response?.headers['content-encoding']).toBe('gzip');
    expect(exchange?.response?.bodyText).toBe('\0'.repeat(CAP));
    expect(growth).toBeLessThan(100 * MIB);
  });

  it('returns a redirect without following it', async () => {
    const before = server.requests.length;
    const exchange = await send('redirect-loop');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe('/api/2026-01/redirect-loop');
    expect(server.requests.length - before).toBe(1);
  });

  it('ends a one-byte-per-second drip at the total deadline', async () => {
    const dripClient = createClient({
      baseUrl: server.url,
      timeouts: DRIP_TIMEOUTS,
      maxBodyBytes: CAP,
      concurrency: 1,
    });
    const exchange = await send('drip', dripClient);
    await dripClient.close();
    expect(exchange.error?.code).toBe('total-timeout');
    expect(exchange.response?.status).toBe(200);
  });

  it('records a 200 with an empty body without a parse error', async () => {
    const exchange = await send('empty');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.bodyText).toBe('');
    expect(exchange.response?.json).toBeUndefined();
    expect(exchange.response?.jsonError).toBeUndefined();
  });

  it('records duplicate JSON keys', async () => {
    const exchange = await send('duplicate-keys');
    expect(exchange.response?.bodyText).toBe(DUPLICATE_KEYS_BODY);
    expect(exchange.response?.json).toEqual({ id: 2, nested: { a: false } });
    expect(exchange.response?.duplicateKeys).toEqual(['/id', '/nested/a']);
  });

  it('records a response that is not HTTP', async () => {
    const exchange = await send('garbage');
    expect(exchange.error?.code).toBe('invalid-response');
    expect(exchange.response).toBeUndefined();
  });

  it('records a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const refusedClient = createClient({
      baseUrl: `http://127.0.0.1:${port}`,
      timeouts: TIMEOUTS,
      maxBodyBytes: CAP,
      concurrency: 1,
    });
    const exchange = await refusedClient.send({ method: 'repairer.jobs.get', headers: {} });
    await refusedClient.close();
    expect(exchange.error?.code).toBe('connection-refused');
  });
});

/** What each behaviour ends in when the timeouts are `DRIP_TIMEOUTS`; undefined is no error. */
const EXPECTED: Record<HostileBehaviour, TransportErrorCode | undefined> = {
  silent: 'headers-timeout',
  'headers-then-stall': 'body-timeout',
  'stall-mid-body': 'body-timeout',
  reset: 'connection-reset',
  huge: 'body-too-large',
  'not-json': undefined,
  'proxy-502': undefined,
  'invalid-utf8': undefined,
  'wrong-length': 'invalid-response',
  'gzip-bomb': 'body-too-large',
  'redirect-loop': undefined,
  drip: 'total-timeout',
  empty: undefined,
  'duplicate-keys': undefined,
  garbage: 'invalid-response',
};

describe('hostile server, all at once', () => {
  it('ends every behaviour with its record concurrently', async () => {
    const concurrentClient = createClient({
      baseUrl: server.url,
      timeouts: DRIP_TIMEOUTS,
      maxBodyBytes: CAP,
      concurrency: HOSTILE_BEHAVIOURS.length,
    });
    let exchanges: Exchange[] = [];
    const growth = await measurePeakGrowth(async () => {
      exchanges = await Promise.all(
        HOSTILE_BEHAVIOURS.map((behaviour) => send(behaviour, concurrentClient)),
      );
    });
    await concurrentClient.close();

    const codes = Object.fromEntries(
      HOSTILE_BEHAVIOURS.map((behaviour, index) => [behaviour, exchanges[index]?.error?.code]),
    );
    expect(codes).toEqual(EXPECTED);
    expect(growth).toBeLessThan(200 * MIB);
  });
});
