import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReferenceTarget,
  startReferenceTarget,
  TenantStore,
} from '../../../src/reference/index.js';
import { call, freshTenant, IDS, placeBumperOrder, SEED_JOB, startTarget } from './support.js';

let target: ReferenceTarget;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target.close();
});

async function bumperStatus(server: ReferenceTarget, tenant: string | null): Promise<string> {
  const response = await call(
    server,
    'repairer.jobs.parts.list',
    { job_identity: SEED_JOB },
    { tenant },
  );
  const parts = (response.json as { items: { id: string; status: string }[] }).items;
  return parts.find((part) => part.id === IDS.bumperPartId)?.status ?? 'missing';
}

describe('tenant isolation', () => {
  it('keeps writes of one tenant out of another', async () => {
    const tenantA = freshTenant();
    const tenantB = freshTenant();
    const procurementId = await placeBumperOrder(target, tenantA);
    const job = await call(
      target,
      'repairer.jobs.insert',
      {
        identity: { external: 'ONLY-IN-A' },
        repairer_site_id: IDS.siteId,
      },
      { tenant: tenantA },
    );
    const jobId = (job.json as { id: string }).id;

    expect(await bumperStatus(target, tenantA)).toBe('ordered');
    expect(await bumperStatus(target, tenantB)).toBe('estimated');
    const procurementInB = await call(
      target,
      'repairer.procurements.get',
      {
        identity: { id: procurementId },
      },
      { tenant: tenantB },
    );
    expect(procurementInB.status).toBe(404);
    const jobInB = await call(
      target,
      'repairer.jobs.get',
      { identity: { id: jobId } },
      { tenant: tenantB },
    );
    expect(jobInB.status).toBe(404);
  });

  it('gives each tenant its own access code', async () => {
    const grant = {
      access_code: 'ac_demo_valid_15m',
      client_id: 'partly_client_demo',
      client_secret: 'secret_demo_8f3a',
    };
    const first = await call(target, 'integrations.insert', grant, {
      tenant: freshTenant(),
      credential: 'none',
    });
    const second = await call(target, 'integrations.insert', grant, {
      tenant: freshTenant(),
      credential: 'none',
    });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
  });

  it('keeps a minted key inside its tenant', async () => {
    const tenant = freshTenant();
    const minted = await call(
      target,
      'integrations.insert',
      {
        access_code: 'ac_demo_valid_15m',
        client_id: 'partly_client_demo',
        client_secret: 'secret_demo_8f3a',
      },
      { tenant, credential: 'none' },
    );
    const body = minted.json as { api_key: string; integration_id: string };
    const auth = { apiKey: body.api_key, integrationId: body.integration_id };

    const home = await call(target, 'businesses.list', {}, { tenant, auth });
    const elsewhere = await call(target, 'businesses.list', {}, { tenant: freshTenant(), auth });

    expect(home.status).toBe(200);
    expect(elsewhere.status).toBe(401);
  });

  it('shares one world between requests without a tenant', async () => {
    const server = await startReferenceTarget();
    try {
      const placed = await call(
        server,
        'repairer.procurements.insert',
        {
          job_identity: SEED_JOB,
          offer_selections: [
            {
              sellable_id: IDS.bumperSellableId,
              supplier_business_id: IDS.supplierBusinessId,
              job_part_ids: [IDS.bumperPartId],
              quantity: 1,
            },
          ],
        },
        { tenant: null },
      );

      expect(placed.status).toBe(200);
      expect(await bumperStatus(server, null)).toBe('ordered');
      expect(await bumperStatus(server, freshTenant())).toBe('estimated');
    } finally {
      await server.close();
    }
  });

  it.each(['UPPER', 'has space', 'x'.repeat(65), 'dot.name'])(
    'rejects the tenant name %j',
    async (tenant) => {
      const response = await call(target, 'businesses.list', {}, { tenant });

      expect(response.status).toBe(400);
      expect(response.json).toEqual({ type: 'bad_request' });
    },
  );
});

describe('tenant eviction', () => {
  it('reseeds a world idle past the limit', async () => {
    const server = await startReferenceTarget({ tenantIdleMs: 1500 });
    try {
      const tenant = freshTenant();
      await placeBumperOrder(server, tenant);
      expect(await bumperStatus(server, tenant)).toBe('ordered');

      await sleep(3500);

      expect(await bumperStatus(server, tenant)).toBe('estimated');
    } finally {
      await server.close();
    }
  });

  it('keeps a world in use', () => {
    let now = 0;
    const store = new TenantStore({ idleMs: 1000, maxTenants: 10, now: () => now });
    const world = store.world('a');

    now = 999;
    expect(store.world('a')).toBe(world);
    now = 1998;
    expect(store.world('a')).toBe(world);
    now = 2998;
    expect(store.world('a')).not.toBe(world);
  });

  it('sweeps idle worlds only', () => {
    let now = 0;
    const store = new TenantStore({ idleMs: 1000, maxTenants: 10, now: () => now });
    store.world('old');
    now = 500;
    store.world('recent');

    now = 1200;
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
    now = 1500;
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(0);
  });

  it('drops the least recently used world past the maximum', () => {
    let now = 0;
    const store = new TenantStore({ idleMs: 60_000, maxTenants: 2, now: () => now });
    const first = store.world('first');
    now = 1;
    const second = store.world('second');
    now = 2;
    expect(store.world('first')).toBe(first);
    now = 3;
    store.world('third');

    expect(store.size).toBe(2);
    expect(store.world('first')).toBe(first);
    now = 4;
    expect(store.world('second')).not.toBe(second);
    expect(store.size).toBe(2);
  });
});
