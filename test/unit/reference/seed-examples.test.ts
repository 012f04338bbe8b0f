import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceTarget } from '../../../src/reference/index.js';
import type { Catalogue } from '../../../src/spec/types.js';
import {
  type Body,
  call,
  freshTenant,
  IDS,
  loadSpecCatalogue,
  readSeedExamples,
  startTarget,
} from './support.js';

const examples = readSeedExamples();

let target: ReferenceTarget;
let catalogue: Catalogue;

beforeAll(async () => {
  target = await startTarget();
  catalogue = await loadSpecCatalogue();
});

afterAll(async () => {
  await target.close();
});

/** Confirms the seeded procurement and returns the id of its invoice. */
async function confirmSeededProcurement(tenant: string): Promise<string> {
  const identity = { identity: { id: IDS.procurementId } };
  await call(target, 'supplier.procurements.confirm', identity, { tenant, credential: 'supplier' });
  const listed = await call(
    target,
    'repairer.procurements.invoices.list',
    { procurement_identity: { id: IDS.procurementId } },
    { tenant },
  );
  return (listed.json as { items: { id: string }[] }).items[0]?.id ?? 'missing';
}

describe('seed examples', () => {
  it('covers all 17 methods', () => {
    expect(examples.map((example) => example.method).sort()).toEqual(
      catalogue.methods.map((method) => method.name).sort(),
    );
  });

  it.each(examples.map((example) => [example.method, example] as const))(
    '%s returns 200 in a fresh tenant',
    async (name, example) => {
      const tenant = freshTenant();
      let body: Body = example.body;
      if (name === 'repairer.procurements.invoices.get') {
        // The reference page shows a placeholder id, so read a real one first.
        body = { identity: { id: await confirmSeededProcurement(tenant) } };
      }

      const response = await call(target, name, body, { tenant, credential: example.credential });

      expect(response.status, response.text).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const method = catalogue.byName.get(name);
      expect(method).toBeDefined();
      const validation = method?.validateResponse(response.json);
      expect(validation?.failures).toEqual([]);
      expect(validation?.warnings).toEqual([]);
      const marker = (response.json as Body).x_extension;
      expect(marker).toBe(method?.extension === true ? true : undefined);
    },
  );

  it('every example runs in one tenant in page order', async () => {
    const tenant = freshTenant();
    for (const example of examples) {
      let body = example.body;
      if (example.method === 'repairer.procurements.invoices.get') {
        body = { identity: { id: await confirmSeededProcurement(tenant) } };
      }
      const response = await call(target, example.method, body, {
        tenant,
        credential: example.credential,
      });
      expect(response.status, `${example.method}: ${response.text}`).toBe(200);
    }
  });
});
