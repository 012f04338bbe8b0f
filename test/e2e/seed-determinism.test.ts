import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config/resolve.js';
import { runInProcess } from '../../src/run/in-process.js';

/** Starts a loopback target that responds 200 `{}` to every request and records what it received. */
async function startRecorder(): Promise<{
  url: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push(`${request.url} ${Buffer.concat(chunks).toString('utf8')}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function requestsFor(seed: number): Promise<string[]> {
  const recorder = await startRecorder();
  try {
    const options = resolveOptions({ seed, cases: 5, concurrency: 4, tenant: 'fixed' }, {});
    await runInProcess({ options, targetUrl: recorder.url, embedded: false, sequences: false });
    return [...recorder.requests].sort();
  } finally {
    await recorder.close();
  }
}

describe('seeded generation', () => {
  it('sends the same requests for the same seed', async () => {
    const first = await requestsFor(11);
    const second = await requestsFor(11);
    expect(first.length).toBeGreaterThan(100);
    expect(second).toEqual(first);
  });

  it('sends other requests for another seed', async () => {
    const first = await requestsFor(11);
    const other = await requestsFor(12);
    expect(other).not.toEqual(first);
  });
});
