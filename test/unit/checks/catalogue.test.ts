import { beforeAll, describe, expect, it } from 'vitest';
import { judgeExchange } from '../../../src/checks/index.js';
import type { CaseInfo, CheckName, FindingDraft } from '../../../src/checks/types.js';
import type { Exchange } from '../../../src/http/types.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import {
  catalogueMethod,
  loadProjectCatalogue,
  makeCase,
  makeContext,
  makeExchange,
} from './support.js';

const PROCUREMENT_ID = '10000000-0000-4000-8000-000000000001';

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadProjectCatalogue();
});

/** Judges with every check and returns the findings by check, leaving out checks without any. */
function findingsOf(
  method: MethodEntry,
  exchange: Exchange,
  caseInfo: CaseInfo = makeCase(),
): Partial<Record<CheckName, FindingDraft[]>> {
  const found: Partial<Record<CheckName, FindingDraft[]>> = {};
  for (const entry of judgeExchange(makeContext(method, exchange, caseInfo), false)) {
    if (entry.findings.length > 0) {
      found[entry.name] = entry.findings;
    }
  }
  return found;
}

function summarize(found: Partial<Record<CheckName, FindingDraft[]>>): string[] {
  return Object.entries(found).flatMap(([name, findings]) =>
    (findings ?? []).map((finding) => `${name} ${finding.severity} ${finding.pointer}`),
  );
}

describe('checks on the pinned catalogue', () => {
  describe('repairer.jobs.baskets.latest.get', () => {
    it('passes a clean basket', () => {
      const basket = catalogueMethod(catalogue, 'repairer.jobs.baskets.latest.get');
      expect(findingsOf(basket, makeExchange({ body: { offers: [], suppliers: [] } }))).toEqual({});
    });

    it('fails a currency on an offer in the schema and in no-offer-currency', () => {
      const basket = catalogueMethod(catalogue, 'repairer.jobs.baskets.latest.get');
      const body = { offers: [{ currency: 'NZD' }], suppliers: [] };
      expect(summarize(findingsOf(basket, makeExchange({ body })))).toEqual([
        'response-schema failure /offers/0/currency',
        'no-offer-currency failure /offers/0/currency',
      ]);
    });

    it('fails a currency at the top of the basket', () => {
      const basket = catalogueMethod(catalogue, 'repairer.jobs.baskets.latest.get');
      const body = { offers: [], suppliers: [], currency: 'NZD' };
      expect(summarize(findingsOf(basket, makeExchange({ body })))).toEqual([
        'no-offer-currency failure /currency',
      ]);
    });

    it('fails an error outside the basket union', () => {
      const basket = catalogueMethod(catalogue, 'repairer.jobs.baskets.latest.get');
      const exchange = makeExchange({ status: 404, body: { type: 'job_missing' } });
      expect(summarize(findingsOf(basket, exchange))).toEqual(['error-tagged failure /type']);
    });
  });

  describe('repairer.jobs.parts.insert', () => {
    it('passes bare-string errors with their statuses', () => {
      const parts = catalogueMethod(catalogue, 'repairer.jobs.parts.insert');
      expect(parts.errorStyle).toBe('bare-string');
      const invalidCase = makeCase({ kind: 'invalid' });
      expect(findingsOf(parts, makeExchange({ status: 404, body: 'not_found' }))).toEqual({});
      expect(
        findingsOf(parts, makeExchange({ status: 422, body: 'unprocessable' }), invalidCase),
      ).toEqual({});
    });

    it('fails a tagged error', () => {
      const parts = catalogueMethod(catalogue, 'repairer.jobs.parts.insert');
      const exchange = makeExchange({ status: 404, body: { type: 'not_found' } });
      const found = findingsOf(parts, exchange);
      expect(summarize(found)).toEqual(['error-bare-string failure ']);
      expect(found['error-bare-string']?.[0]?.message).toBe(
        'error body is a tagged object, not a bare string',
      );
    });

    it('warns on a variant with another status, which is inferred', () => {
      const parts = catalogueMethod(catalogue, 'repairer.jobs.parts.insert');
      const exchange = makeExchange({ status: 400, body: 'unprocessable' });
      expect(summarize(findingsOf(parts, exchange, makeCase({ kind: 'invalid' })))).toEqual([
        'status-code warning ',
      ]);
    });

    it('judges a supplier credential against a bare forbidden', () => {
      const parts = catalogueMethod(catalogue, 'repairer.jobs.parts.insert');
      const supplierCase = makeCase({ kind: 'auth', credential: 'supplier' });
      expect(
        findingsOf(parts, makeExchange({ status: 403, body: 'forbidden' }), supplierCase),
      ).toEqual({});
      const accepted = makeExchange({ body: { items: [] } });
      expect(summarize(findingsOf(parts, accepted, supplierCase))).toEqual(['auth warning ']);
    });
  });

  describe('repairer.procurements.insert', () => {
    it('passes a marked response', () => {
      const insert = catalogueMethod(catalogue, 'repairer.procurements.insert');
      expect(insert.extension).toBe(true);
      const body = { x_extension: true, id: PROCUREMENT_ID };
      expect(findingsOf(insert, makeExchange({ body }))).toEqual({});
    });

    it('fails a response without the marker', () => {
      const insert = catalogueMethod(catalogue, 'repairer.procurements.insert');
      const found = findingsOf(insert, makeExchange({ body: { id: PROCUREMENT_ID } }));
      expect(summarize(found)).toEqual([
        'response-schema failure ',
        'extension-marker failure /x_extension',
      ]);
      expect(found['response-schema']?.[0]?.message).toBe('missing required property x_extension');
    });

    it('warns on an error outside its inferred union', () => {
      const insert = catalogueMethod(catalogue, 'repairer.procurements.insert');
      const exchange = makeExchange({ status: 409, body: { type: 'conflict' } });
      expect(summarize(findingsOf(insert, exchange))).toEqual([
        'status-code warning ',
        'error-tagged warning /type',
        'extension-marker warning /x_extension',
        'positive-accepted warning ',
      ]);
    });
  });

  describe('wire methods', () => {
    it('fails an undocumented variant of repairer.jobs.get', () => {
      const jobs = catalogueMethod(catalogue, 'repairer.jobs.get');
      const exchange = makeExchange({ status: 404, body: { type: 'missing' } });
      expect(summarize(findingsOf(jobs, exchange))).toEqual(['error-tagged failure /type']);
    });

    it('fails not_found rendered with 400', () => {
      const jobs = catalogueMethod(catalogue, 'repairer.jobs.get');
      const exchange = makeExchange({ status: 400, body: { type: 'not_found' } });
      expect(summarize(findingsOf(jobs, exchange))).toEqual([
        'status-code failure ',
        'positive-accepted failure ',
      ]);
    });

    it('fails a stray marker on a wire 200', () => {
      const providers = catalogueMethod(catalogue, 'repairer.work-providers.list');
      const body = { items: [], x_extension: true };
      expect(summarize(findingsOf(providers, makeExchange({ body })))).toEqual([
        'extension-marker failure /x_extension',
      ]);
    });

    it('fails a repairer credential accepted by a supplier method', () => {
      const supplierGet = catalogueMethod(catalogue, 'supplier.procurements.get');
      const repairerCase = makeCase({ kind: 'auth', credential: 'repairer' });
      const exchange = makeExchange({ status: 200, body: {} });
      const found = findingsOf(supplierGet, exchange, repairerCase);
      expect(found.auth?.[0]?.severity).toBe('failure');
    });

    it('passes a supplier credential on tier1.prepare', () => {
      const tier1 = catalogueMethod(catalogue, 'tier1.prepare');
      const supplierCase = makeCase({ kind: 'auth', credential: 'supplier' });
      const exchange = makeExchange({ body: { invalid_identifiers: [] } });
      expect(findingsOf(tier1, exchange, supplierCase)).toEqual({});
    });

    it('warns on an undocumented variant for a schema-invalid tier1.prepare', () => {
      const tier1 = catalogueMethod(catalogue, 'tier1.prepare');
      const exchange = makeExchange({ status: 400, body: { type: 'bad_request' } });
      expect(summarize(findingsOf(tier1, exchange, makeCase({ kind: 'invalid' })))).toEqual([
        'status-code warning ',
        'error-tagged warning /type',
      ]);
    });
  });
});
