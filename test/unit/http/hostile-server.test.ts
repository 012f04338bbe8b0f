import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/http/client.js';
import { startHostileServer } from '../../support/hostile-server.js';

const TIMEOUTS = { connectMs: 2_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 60_000 };

/** Counts live sockets, servers and timers of this process. */
function countHandles(): number {
  const kinds = new Set(['TCPSocketWrap', 'TCPServerWrap', 'Timeout']);
  return process.getActiveResourcesInfo().filter((kind) => kinds.has(kind)).length;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt += 1) await delay(10);
}

describe('startHostileServer', () => {
  it('releases every socket and timer on close', async () => {
    const before = countHandles();
    const server = await startHostileServer({ dripIntervalMs: 50 });
    const client = createClient({
      baseUrl: server.url,
      timeouts: TIMEOUTS,
      maxBodyBytes: 1024,
      concurrency: 4,
    });

    // Requests that would stay open far longer than the test, until the server closes.
    const pending = [
      client.send({ method: 'silent', headers: {} }),
      client.send({ method: 'drip', headers: {} }),
      client.send({ method: 'stall-mid-body', headers: {} }),
      client.send({ method: 'slow', path: '/slow?ms=60000', headers: {} }),
    ];
    await waitFor(() => server.requests.length === 4);
    await server.close();
    const exchanges = await Promise.all(pending);
    await client.close();
    await waitFor(() => countHandles() <= before);

    expect(exchanges.every((exchange) => exchange.error !== undefined)).toBe(true);
    expect(countHandles()).toBeLessThanOrEqual(before);
  });
});
