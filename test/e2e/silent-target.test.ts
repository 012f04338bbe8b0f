import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config/resolve.js';
import { SILENT_TARGET_LIMIT, SILENT_TARGET_REASON } from '../../src/run/execute.js';
import { runInProcess } from '../../src/run/in-process.js';

/** Starts a loopback target that reads every request and never responds. */
async function startSilentServer(): Promise<{
  url: string;
  received(): number;
  close(): Promise<void>;
}> {
  let received = 0;
  const open = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    received += 1;
    open.add(response);
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('silent target', () => {
  it('stops sending once many requests in a row got no response', async () => {
    const server = await startSilentServer();
    try {
      const options = resolveOptions(
        {
          seed: 2,
          cases: 20,
          concurrency: 8,
          timeouts: { connectMs: 1000, headersMs: 200, bodyMs: 200, totalMs: 300 },
        },
        {},
      );
      const result = await runInProcess({ options, targetUrl: server.url, embedded: false });
      // Discovery sends its reads first, then the workers stop after the limit; those in flight
      // when it is reached still finish.
      expect(server.received()).toBeLessThan(SILENT_TARGET_LIMIT + 2 * 8 + 10);
      expect(result.summary.failures).toBeGreaterThan(0);
      const cells = result.methods.flatMap((method) => method.checks);
      expect(
        cells.some((cell) => cell.check === 'not-server-error' && cell.verdict === 'fail'),
      ).toBe(true);
      const unjudged = cells.filter((cell) => cell.verdict === 'not-proven');
      expect(unjudged.length).toBeGreaterThan(0);
      for (const cell of unjudged) {
        expect(cell.reason).toBe(SILENT_TARGET_REASON);
      }
      for (const sequence of result.sequences) {
        expect(sequence.verdict).toBe('not-proven');
        expect(sequence.message).toBe(SILENT_TARGET_REASON);
      }
    } finally {
      await server.close();
    }
  });
});
