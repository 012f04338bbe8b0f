import { describe, expect, it } from 'vitest';
import { clearCatalogueCache, loadCatalogue } from '../../../src/spec/catalogue.js';
import type { ErrorStyle, Role } from '../../../src/spec/types.js';
import { EXTENSIONS_SPEC, loadPinnedCatalogue, methodOf, WIRE_SPEC } from './pinned-spec.js';

interface Expected {
  role: Role;
  roleInferred: boolean;
  errorStyle: ErrorStyle;
  extension: boolean;
  mutates: boolean;
  /** Variant name, status, and a trailing `*` when the status is inferred. */
  variants: string[];
}

const STANDARD = ['unauthorized 401', 'forbidden 403'];

const tagged = (role: Role, variants: string[], flags: Partial<Expected> = {}): Expected => ({
  role,
  roleInferred: false,
  errorStyle: 'tagged',
  extension: false,
  mutates: false,
  variants,
  ...flags,
});

const EXPECTED: Record<string, Expected> = {
  'businesses.list': tagged('any', STANDARD, { roleInferred: true }),
  'integrations.insert': tagged(
    'none',
    [
      ...STANDARD,
      'integration_not_found 404*',
      'o_auth_not_supported_by_integration 400*',
      'invalid_client_secret 401*',
      'invalid_access_code 400*',
    ],
    { mutates: true },
  ),
  'repairer.jobs.baskets.latest.get': tagged('repairer', [
    ...STANDARD,
    'not_found 404',
    'bad_request 400',
  ]),
  'repairer.jobs.get': tagged('repairer', [...STANDARD, 'not_found 404']),
  'repairer.jobs.insert': tagged(
    'repairer',
    [...STANDARD, 'unprocessable 422*', 'work_provider_not_found 404*'],
    { mutates: true },
  ),
  'repairer.jobs.parts.insert': tagged(
    'repairer',
    ['unauthorized 401*', 'forbidden 403*', 'not_found 404*', 'unprocessable 422*'],
    { errorStyle: 'bare-string', mutates: true },
  ),
  'repairer.jobs.parts.list': tagged('repairer', [...STANDARD, 'not_found 404']),
  'repairer.procurements.get': tagged('repairer', [...STANDARD, 'not_found 404']),
  'repairer.procurements.list': tagged('repairer', [...STANDARD, 'not_found 404']),
  'repairer.work-providers.list': tagged('repairer', STANDARD),
  'supplier.procurements.confirm': tagged('supplier', [...STANDARD, 'not_found 404'], {
    mutates: true,
  }),
  'supplier.procurements.get': tagged('supplier', [...STANDARD, 'not_found 404']),
  'tier1.prepare': tagged('any', ['unauthorized 401']),
  'uploads.prepare': tagged('repairer', [...STANDARD, 'unprocessable 422*'], {
    roleInferred: true,
  }),
  'repairer.procurements.insert': tagged(
    'repairer',
    [...STANDARD, 'not_found 404', 'bad_request 400', 'unprocessable 422*'],
    { extension: true, mutates: true },
  ),
  'repairer.procurements.invoices.list': tagged(
    'repairer',
    [...STANDARD, 'not_found 404', 'bad_request 400'],
    { extension: true },
  ),
  'repairer.procurements.invoices.get': tagged('repairer', [...STANDARD, 'not_found 404'], {
    extension: true,
  }),
};

describe('loadCatalogue', () => {
  it('lists the 17 methods', async () => {
    const catalogue = await loadPinnedCatalogue();

    expect(catalogue.methods).toHaveLength(17);
    expect([...catalogue.byName.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(catalogue.version).toBe('2026-01');
    expect(catalogue.sources).toEqual([WIRE_SPEC, EXTENSIONS_SPEC]);
    expect(catalogue.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(Object.entries(EXPECTED))('reads the vendor keys of %s', async (name, expected) => {
    const method = methodOf(await loadPinnedCatalogue(), name);

    expect(method.path).toBe(`/api/2026-01/${name}`);
    expect(method.operationId).toBe(name);
    expect(method.role).toBe(expected.role);
    expect(method.roleInferred).toBe(expected.roleInferred);
    expect(method.errorStyle).toBe(expected.errorStyle);
    expect(method.extension).toBe(expected.extension);
    expect(method.mutates).toBe(expected.mutates);
    const variants = method.variants.map(
      (variant) => `${variant.name} ${variant.status}${variant.statusInferred ? '*' : ''}`,
    );
    expect(variants).toEqual(expected.variants);
    for (const variant of method.variants) {
      expect(variant.membershipInferred).toBe(expected.extension);
    }
  });

  it('leaves the extensions out on request', async () => {
    const catalogue = await loadCatalogue({ spec: WIRE_SPEC, extensionsSpec: false });

    expect(catalogue.methods).toHaveLength(14);
    expect(catalogue.methods.some((method) => method.extension)).toBe(false);
    expect(catalogue.sources).toEqual([WIRE_SPEC]);
    expect(catalogue.specHash).not.toBe((await loadPinnedCatalogue()).specHash);
  });

  it('caches a catalogue per sources', async () => {
    const first = await loadPinnedCatalogue();

    expect(await loadPinnedCatalogue()).toBe(first);
    clearCatalogueCache();
    const reloaded = await loadPinnedCatalogue();
    expect(reloaded).not.toBe(first);
    expect(reloaded.specHash).toBe(first.specHash);
  });

  it('dereferences the request and response schemas', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'repairer.jobs.get');
    const text = JSON.stringify([method.requestSchema, method.responseSchema]);

    expect(text).not.toContain('$ref');
    expect(text).toContain('repairer_site_id');
  });

  it('validates error bodies against the union', async () => {
    const catalogue = await loadPinnedCatalogue();
    const jobsGet = methodOf(catalogue, 'repairer.jobs.get');
    const partsInsert = methodOf(catalogue, 'repairer.jobs.parts.insert');

    expect(jobsGet.validateError({ type: 'not_found' })).toEqual([]);
    expect(jobsGet.validateError({ type: 'not_found', detail: 'extra keys are allowed' })).toEqual(
      [],
    );
    expect(jobsGet.validateError({ type: 'bad_request' })).not.toEqual([]);
    expect(jobsGet.validateError('not_found')).not.toEqual([]);
    expect(partsInsert.validateError('not_found')).toEqual([]);
    expect(partsInsert.validateError({ type: 'not_found' })).not.toEqual([]);
    expect(partsInsert.validateError('bad_request')).not.toEqual([]);
  });
});
