import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/errors.js';
import { localizeReferences, mergeExtensions } from '../../../src/spec/merge.js';

const operation = (schemaRef: string) => ({
  operationId: 'x',
  requestBody: { content: { 'application/json': { schema: { $ref: schemaRef } } } },
  responses: {},
});

function documentOf(paths: object, schemas: object, security?: object[]): OpenAPIV3_1.Document {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    ...(security ? { security } : {}),
    paths,
    components: { schemas },
  } as OpenAPIV3_1.Document;
}

const wire = documentOf(
  { '/api/wire.get': { post: operation('#/components/schemas/Identity') } },
  { Identity: { type: 'object' } },
  [{ BearerAuth: [] }],
);

const extensions = documentOf(
  { '/api/ext.get': { post: operation('wire.json#/components/schemas/Identity') } },
  {
    Extra: {
      type: 'object',
      properties: { id: { $ref: 'wire.json#/components/schemas/Identity' } },
    },
  },
  [{ Extension: [] }],
);

describe('localizeReferences', () => {
  it('keeps the pointer of an external reference', () => {
    expect(localizeReferences({ a: [{ $ref: 'other.json#/components/schemas/A' }] })).toEqual({
      a: [{ $ref: '#/components/schemas/A' }],
    });
  });

  it('leaves local references alone', () => {
    expect(localizeReferences({ $ref: '#/components/schemas/A' })).toEqual({
      $ref: '#/components/schemas/A',
    });
  });
});

describe('mergeExtensions', () => {
  it('adds the paths and schemas of the extensions', () => {
    const merged = mergeExtensions(wire, extensions);

    expect(Object.keys(merged.paths ?? {})).toEqual(['/api/wire.get', '/api/ext.get']);
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['Identity', 'Extra']);
    expect(JSON.stringify(merged)).not.toContain('wire.json');
  });

  it('marks extension operations only', () => {
    const merged = mergeExtensions(wire, extensions) as unknown as {
      paths: Record<string, { post: Record<string, unknown> }>;
    };

    expect(merged.paths['/api/ext.get']?.post['x-extension']).toBe(true);
    expect(merged.paths['/api/wire.get']?.post['x-extension']).toBeUndefined();
  });

  it('keeps the security of the extension document on its operations', () => {
    const merged = mergeExtensions(wire, extensions) as unknown as {
      security: unknown;
      paths: Record<string, { post: Record<string, unknown> }>;
    };

    expect(merged.security).toEqual([{ BearerAuth: [] }]);
    expect(merged.paths['/api/ext.get']?.post.security).toEqual([{ Extension: [] }]);
  });

  it('leaves its inputs unchanged', () => {
    const wireCopy = structuredClone(wire);
    const extensionsCopy = structuredClone(extensions);

    mergeExtensions(wire, extensions);

    expect(wire).toEqual(wireCopy);
    expect(extensions).toEqual(extensionsCopy);
  });

  it('rejects a path defined twice', () => {
    const clash = documentOf({ '/api/wire.get': { post: operation('#/x') } }, {});

    expect(() => mergeExtensions(wire, clash)).toThrow(HarnessError);
    expect(() => mergeExtensions(wire, clash)).toThrow(/\/api\/wire\.get/);
  });

  it('rejects a schema redefined differently', () => {
    const clash = documentOf({}, { Identity: { type: 'string' } });
    const same = documentOf({}, { Identity: { type: 'object' } });

    expect(() => mergeExtensions(wire, clash)).toThrow(/schema Identity/);
    expect(() => mergeExtensions(wire, same)).not.toThrow();
  });
});
