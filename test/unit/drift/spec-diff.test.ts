import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/drift/spec-diff.js';
import type { SpecDifference } from '../../../src/drift/types.js';
import {
  errorUnionOf,
  operationOf,
  pathsOf,
  propertiesOf,
  readPinned,
  recursiveSpec,
  renameComponents,
  renameMethod,
  reorderKeys,
  respellNullable,
  rewordAnnotations,
  schemaOf,
} from './spec-copies.js';

type Document = OpenAPIV3_1.Document;

interface AlterationCase {
  title: string;
  /** Changes the live copy; some cases first give both copies a feature the fixture lacks. */
  alter(live: Document, pinned: Document): void;
  kind: SpecDifference['kind'];
  change: string;
  method: string;
}

const CASES: AlterationCase[] = [
  {
    title: 'method added',
    alter(live) {
      const item = pathsOf(live)['/api/2026-01/businesses.list'];
      const copy = structuredClone(item) as Record<string, Record<string, unknown>>;
      (copy.post as Record<string, unknown>).operationId = 'businesses.search';
      (copy.post as Record<string, unknown>).requestBody = {
        content: { 'application/json': { schema: { type: 'object', properties: { q: {} } } } },
      };
      pathsOf(live)['/api/2026-01/businesses.search'] = copy;
    },
    kind: 'additive',
    change: 'method-added',
    method: 'businesses.search',
  },
  {
    title: 'optional request field added',
    alter(live) {
      propertiesOf(live, 'JobsInsertRequestV1').notes = { type: 'string' };
    },
    kind: 'additive',
    change: 'request-field-added',
    method: 'repairer.jobs.insert',
  },
  {
    title: 'response field added',
    alter(live) {
      propertiesOf(live, 'JobV1').status = { type: 'string' };
    },
    kind: 'additive',
    change: 'response-field-added',
    method: 'repairer.jobs.get',
  },
  {
    title: 'response field made required',
    alter(live) {
      (schemaOf(live, 'JobV1').required as string[]).push('external_id');
    },
    kind: 'additive',
    change: 'response-field-made-required',
    method: 'repairer.jobs.get',
  },
  {
    title: 'method removed',
    alter(live) {
      delete pathsOf(live)['/api/2026-01/repairer.jobs.get'];
    },
    kind: 'breaking',
    change: 'method-removed',
    method: 'repairer.jobs.get',
  },
  {
    title: 'method renamed',
    alter(live) {
      renameMethod(live, 'repairer.jobs.get', 'repairer.jobs.fetch');
    },
    kind: 'breaking',
    change: 'method-renamed',
    method: 'repairer.jobs.get',
  },
  {
    title: 'request field removed',
    alter(live) {
      const schema = schemaOf(live, 'JobsInsertRequestV1');
      delete (schema.properties as Record<string, unknown>).repairer_site_id;
      schema.required = ['identity'];
    },
    kind: 'breaking',
    change: 'request-field-removed',
    method: 'repairer.jobs.insert',
  },
  {
    title: 'response field removed',
    alter(live) {
      const schema = schemaOf(live, 'UploadsPrepareResponseV1');
      delete (schema.properties as Record<string, unknown>).upload_url;
      schema.required = ['public_url'];
    },
    kind: 'breaking',
    change: 'response-field-removed',
    method: 'uploads.prepare',
  },
  {
    title: 'response type changed',
    alter(live) {
      propertiesOf(live, 'PartV1').quantity = { type: 'string' };
    },
    kind: 'breaking',
    change: 'type-changed',
    method: 'repairer.jobs.parts.list',
  },
  {
    title: 'request type changed',
    alter(live) {
      propertiesOf(live, 'UploadsPrepareRequestV1').file_name = { type: 'integer' };
    },
    kind: 'breaking',
    change: 'type-changed',
    method: 'uploads.prepare',
  },
  {
    title: 'request field made required',
    alter(live) {
      (schemaOf(live, 'JobsInsertRequestV1').required as string[]).push('work_provider_id');
    },
    kind: 'breaking',
    change: 'request-field-made-required',
    method: 'repairer.jobs.insert',
  },
  {
    title: 'required request field added',
    alter(live) {
      const schema = schemaOf(live, 'UploadsPrepareRequestV1');
      (schema.properties as Record<string, unknown>).size = { type: 'integer' };
      (schema.required as string[]).push('size');
    },
    kind: 'breaking',
    change: 'request-required-field-added',
    method: 'uploads.prepare',
  },
  {
    title: 'request enum narrowed',
    alter(live, pinned) {
      propertiesOf(pinned, 'UploadsPrepareRequestV1').media_type = {
        type: 'string',
        enum: ['image', 'document'],
      };
      propertiesOf(live, 'UploadsPrepareRequestV1').media_type = {
        type: 'string',
        enum: ['image'],
      };
    },
    kind: 'breaking',
    change: 'enum-narrowed',
    method: 'uploads.prepare',
  },
  {
    title: 'request enum widened',
    alter(live, pinned) {
      propertiesOf(pinned, 'UploadsPrepareRequestV1').type = { enum: ['job_media'] };
      propertiesOf(live, 'UploadsPrepareRequestV1').type = { enum: ['job_media', 'invoice'] };
    },
    kind: 'additive',
    change: 'enum-widened',
    method: 'uploads.prepare',
  },
  {
    title: 'response enum widened',
    alter(live) {
      schemaOf(live, 'PartStatusV1').enum = ['estimated', 'ordered', 'returned'];
    },
    kind: 'breaking',
    change: 'enum-widened',
    method: 'repairer.jobs.parts.list',
  },
  {
    title: 'response enum narrowed',
    alter(live) {
      schemaOf(live, 'PartStatusV1').enum = ['estimated'];
    },
    kind: 'additive',
    change: 'enum-narrowed',
    method: 'repairer.jobs.parts.list',
  },
  {
    title: 'response field made optional',
    alter(live) {
      schemaOf(live, 'UploadsPrepareResponseV1').required = ['public_url'];
    },
    kind: 'breaking',
    change: 'response-field-made-optional',
    method: 'uploads.prepare',
  },
  {
    title: 'format changed',
    alter(live) {
      schemaOf(live, 'uuid.Uuid').format = 'uri';
    },
    kind: 'breaking',
    change: 'format-changed',
    method: 'repairer.jobs.get',
  },
  {
    title: 'response value made nullable',
    alter(live) {
      propertiesOf(live, 'UploadsPrepareResponseV1').upload_url = { type: ['string', 'null'] };
    },
    kind: 'breaking',
    change: 'nullable-added',
    method: 'uploads.prepare',
  },
  {
    title: 'error variant added',
    alter(live) {
      errorUnionOf(live, 'repairer.jobs.get').push({
        $ref: '#/components/schemas/Error.bad_request',
      });
    },
    kind: 'breaking',
    change: 'error-variant-added',
    method: 'repairer.jobs.get',
  },
  {
    title: 'error variant removed',
    alter(live) {
      const union = errorUnionOf(live, 'repairer.jobs.get');
      union.splice(2, 1);
    },
    kind: 'breaking',
    change: 'error-variant-removed',
    method: 'repairer.jobs.get',
  },
  {
    title: 'error style changed',
    alter(live) {
      const union = errorUnionOf(live, 'repairer.jobs.parts.insert');
      union[2] = { $ref: '#/components/schemas/Error.not_found' };
    },
    kind: 'breaking',
    change: 'error-style-changed',
    method: 'repairer.jobs.parts.insert',
  },
];

function describeDifferences(differences: SpecDifference[]): string {
  return differences
    .map((item) => `${item.kind} ${item.change} ${item.method} ${item.pointer}`)
    .join('\n');
}

describe('diffSpecs', () => {
  it('finds no difference between equal copies', () => {
    expect(diffSpecs(readPinned(), readPinned())).toEqual([]);
  });

  for (const testCase of CASES) {
    it(`classifies ${testCase.title} as ${testCase.kind}`, () => {
      const pinned = readPinned();
      const live = readPinned();
      testCase.alter(live, pinned);

      const differences = diffSpecs(pinned, live);
      const listing = describeDifferences(differences);

      expect(differences.length, listing).toBeGreaterThan(0);
      const match = differences.find(
        (item) => item.change === testCase.change && item.method === testCase.method,
      );
      expect(match, listing).toBeDefined();
      expect(match?.kind).toBe(testCase.kind);
      const otherKinds = differences.filter((item) => item.kind !== testCase.kind);
      expect(otherKinds, listing).toEqual([]);
    });
  }

  it('reports a rename once, not as removal and addition', () => {
    const live = readPinned();
    renameMethod(live, 'repairer.jobs.get', 'repairer.jobs.fetch');
    const differences = diffSpecs(readPinned(), live);
    expect(differences).toHaveLength(1);
    expect(differences[0]?.message).toBe('method repairer.jobs.get renamed to repairer.jobs.fetch');
  });

  it('points at the changed node', () => {
    const live = readPinned();
    propertiesOf(live, 'JobsInsertRequestV1').notes = { type: 'string' };
    const [difference] = diffSpecs(readPinned(), live);
    expect(difference?.pointer).toBe(
      '/paths/~1api~12026-01~1repairer.jobs.insert/post/requestBody/content/application~1json/schema/properties/notes',
    );
    expect(difference?.live).toBe('string');
  });

  it('reports a shared component change at each use', () => {
    const live = readPinned();
    schemaOf(live, 'DecimalAmount').anyOf = [{ type: 'number' }];
    const pointers = diffSpecs(readPinned(), live)
      .filter((item) => item.method === 'repairer.procurements.get')
      .map((item) => item.pointer);
    expect(pointers.some((pointer) => pointer.includes('/total_shipping_price/'))).toBe(true);
    expect(pointers.some((pointer) => pointer.includes('/unit_price/'))).toBe(true);
  });

  it('classifies a new declared status as breaking', () => {
    const live = readPinned();
    const responses = operationOf(live, 'tier1.prepare').responses as Record<string, unknown>;
    responses['429'] = { description: 'Too many requests.' };
    const differences = diffSpecs(readPinned(), live);
    expect(differences.map((item) => [item.kind, item.change])).toEqual([
      ['breaking', 'response-status-added'],
    ]);
  });

  it('compares methods under a server path prefix', () => {
    const live = readPinned();
    live.servers = [{ url: 'https://deploy.example.test/api/2026-01' }];
    const paths = pathsOf(live);
    for (const path of Object.keys(paths)) {
      paths[path.replace('/api/2026-01', '')] = paths[path] ?? {};
      delete paths[path];
    }
    expect(diffSpecs(readPinned(), live)).toEqual([]);
  });

  it('leaves both documents unchanged', () => {
    const pinned = readPinned();
    const live = readPinned();
    propertiesOf(live, 'JobV1').status = { type: 'string' };
    const before = JSON.stringify([pinned, live]);
    diffSpecs(pinned, live);
    expect(JSON.stringify([pinned, live])).toBe(before);
  });
});

describe('diffSpecs on equivalent spellings', () => {
  it('ignores renamed refs, key order, null spelling and annotations', () => {
    const live = respellNullable(reorderKeys(renameComponents(rewordAnnotations(readPinned()))));
    const text = JSON.stringify(live);
    expect(text.includes('"type":["string","null"]')).toBe(true);
    expect(text.includes('"anyOf":[{"$ref":"#/components/schemas/Renamed_')).toBe(true);
    expect(diffSpecs(readPinned(), live)).toEqual([]);
  });

  it('ignores a fully dereferenced live copy', async () => {
    const live = (await SwaggerParser.dereference(readPinned())) as Document;
    expect(JSON.stringify(live).includes('$ref')).toBe(false);
    expect(diffSpecs(readPinned(), live)).toEqual([]);
  });

  it('ignores alternatives that only differ by type spelled as a type list', () => {
    const live = readPinned();
    const vehicle = propertiesOf(live, 'JobVehicleV1');
    vehicle.year = { type: ['integer', 'string', 'null'] };
    expect(diffSpecs(readPinned(), live)).toEqual([]);
  });

  it('still finds a change under renamed refs', () => {
    const live = renameComponents(readPinned());
    propertiesOf(live, 'Renamed_JobV1').status = { type: 'string' };
    const changes = diffSpecs(readPinned(), live).map((item) => item.change);
    expect(changes).toContain('response-field-added');
  });
});

describe('diffSpecs on recursive schemas', () => {
  it('ends and finds no difference under another name', () => {
    expect(diffSpecs(recursiveSpec('Category'), recursiveSpec('Node'))).toEqual([]);
  });

  it('compares a dereferenced cyclic copy', async () => {
    const live = (await SwaggerParser.dereference(recursiveSpec('Node'))) as Document;
    expect(diffSpecs(recursiveSpec('Category'), live)).toEqual([]);
  });

  it('finds a change inside the recursion', () => {
    const live = recursiveSpec('Node');
    propertiesOf(live, 'Node').name = { type: 'integer' };
    const differences = diffSpecs(recursiveSpec('Category'), live);
    expect(differences.map((item) => item.change)).toEqual(['type-changed']);
    expect(differences[0]?.kind).toBe('breaking');
  });
});

describe('diffSpecs on extensions', () => {
  it('ignores extension methods missing from the live spec', () => {
    const pinned = readPinned();
    const item = structuredClone(pathsOf(pinned)['/api/2026-01/repairer.jobs.get']);
    const post = item?.post as Record<string, unknown>;
    post.operationId = 'repairer.procurements.invoices.get';
    post['x-extension'] = true;
    pathsOf(pinned)['/api/2026-01/repairer.procurements.invoices.get'] = item ?? {};
    expect(diffSpecs(pinned, readPinned())).toEqual([]);
  });

  it('reports a wire method missing from the live spec', () => {
    const live = readPinned();
    delete pathsOf(live)['/api/2026-01/tier1.prepare'];
    expect(operationOf(readPinned(), 'tier1.prepare')).toBeDefined();
    expect(diffSpecs(readPinned(), live).map((item) => item.change)).toEqual(['method-removed']);
  });
});
