import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceTarget } from '../../../src/reference/index.js';
import { call, IDS, SEED_JOB, startTarget } from './support.js';

let target: ReferenceTarget;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target.close();
});

describe('protocol', () => {
  it.each(['GET', 'PUT', 'DELETE'])('answers %s with 405 and Allow', async (verb) => {
    const response = await call(target, 'businesses.list', {}, { verb });

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.json).toEqual({ type: 'method_not_allowed' });
  });

  it('answers an unknown method with 404', async () => {
    const response = await call(target, 'repairer.jobs.delete', {});

    expect(response.status).toBe(404);
    expect(response.json).toEqual({ type: 'not_found' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers another API version with 404', async () => {
    const response = await request(`${target.url}/api/2025-01/businesses.list`, { method: 'POST' });
    await response.body.dump();

    expect(response.statusCode).toBe(404);
  });

  it('serves a method under a path prefix', async () => {
    const response = await call(
      target,
      'repairer.jobs.get',
      { identity: SEED_JOB },
      { prefix: '/gateway/v2' },
    );

    expect(response.status).toBe(200);
    expect((response.json as { id: string }).id).toBe(IDS.jobId);
  });

  it('ignores the query string', async () => {
    const response = await call(target, 'businesses.list?trace=1', {});

    expect(response.status).toBe(200);
  });

  it.each(['', '  \n'])('treats the body %j as an empty object', async (raw) => {
    const response = await call(target, 'repairer.work-providers.list', undefined, { raw });

    expect(response.status).toBe(200);
    expect((response.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it.each([
    ['repairer.jobs.get', '{"identity":', { type: 'bad_request' }],
    ['repairer.jobs.parts.insert', '{"parts": [}', 'bad_request'],
    ['repairer.procurements.invoices.list', 'not json', { type: 'bad_request', x_extension: true }],
  ])('answers malformed JSON to %s with 400', async (method, raw, body) => {
    const response = await call(target, method, undefined, { raw });

    expect(response.status).toBe(400);
    expect(response.json).toEqual(body);
  });

  it('ignores the request content type', async () => {
    const response = await request(`${target.url}/api/2026-01/repairer.jobs.get`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        authorization: 'Bearer partly_demo_repairer_3f8a1c0d9e2b4a67b1c2',
        'partly-integration-id': '0c000000-0000-4000-8000-000000000001',
      },
      body: JSON.stringify({ identity: SEED_JOB }),
    });
    await response.body.dump();

    expect(response.statusCode).toBe(200);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const raw = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });

    const response = await call(target, 'businesses.list', undefined, { raw });

    expect(response.status).toBe(413);
    expect(response.json).toEqual({ type: 'bad_request' });
  });

  it('answers without a 5xx to odd bodies', async () => {
    const bodies = ['null', '42', '"text"', '[1,2]', '{"__proto__":{"x":1}}', '{"identity":null}'];
    for (const raw of bodies) {
      const response = await call(target, 'repairer.jobs.get', undefined, { raw });

      expect(response.status, raw).toBeGreaterThanOrEqual(400);
      expect(response.status, raw).toBeLessThan(500);
    }
  });

  it('keeps the connection alive between requests', async () => {
    const first = await call(target, 'businesses.list', {});
    const second = await call(target, 'businesses.list', {});

    expect(first.headers.connection).toBe('keep-alive');
    expect(second.status).toBe(200);
  });
});
