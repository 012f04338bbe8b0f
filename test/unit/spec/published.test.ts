import { describe, expect, it } from 'vitest';
import { derivePublishedDocument } from '../../../src/spec/published.js';

const inferred = { 'x-provenance': 'inferred' };

function schemasOf(document: Record<string, unknown>): Record<string, unknown> {
  return (document.components as { schemas: Record<string, unknown> }).schemas;
}

function publishedSchemas(schemas: Record<string, unknown>, paths: unknown = {}) {
  return schemasOf(derivePublishedDocument({ components: { schemas }, paths }));
}

describe('derivePublishedDocument', () => {
  it('replaces an inferred node with an empty schema', () => {
    const schemas = publishedSchemas({
      Part: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['estimated'], ...inferred } },
      },
    });

    expect(schemas.Part).toEqual({ type: 'object', properties: { status: {} } });
  });

  it('drops inferred names from required', () => {
    const schemas = publishedSchemas({
      Part: { type: 'object', required: ['id', 'name'], 'x-required-inferred': ['id'] },
    });

    expect((schemas.Part as { required: string[] }).required).toEqual(['name']);
  });

  it('turns a oneOf with a loosened branch into an anyOf', () => {
    const schemas = publishedSchemas({
      Field: { oneOf: [{ type: 'null' }, { type: 'string', ...inferred }] },
    });

    expect(schemas.Field).toEqual({ anyOf: [{ type: 'null' }, {}] });
  });

  it('follows references when loosening a oneOf', () => {
    const schemas = publishedSchemas({
      Code: { type: 'string', pattern: '^[A-Z]{3}$', ...inferred },
      Wrapper: { type: 'string', allOf: [{ $ref: '#/components/schemas/Code' }] },
      Field: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Wrapper' }] },
    });

    expect(schemas.Code).toEqual({});
    expect(schemas.Field).toEqual({
      anyOf: [{ type: 'null' }, { $ref: '#/components/schemas/Wrapper' }],
    });
  });

  it('keeps a oneOf whose branches carry no inferred mark', () => {
    const identity = {
      oneOf: [
        { type: 'object', required: ['id'] },
        { type: 'object', required: ['external'] },
      ],
    };

    expect(publishedSchemas({ Identity: identity }).Identity).toEqual(identity);
  });

  it('keeps an existing anyOf beside a loosened oneOf', () => {
    const schemas = publishedSchemas({
      Both: {
        anyOf: [{ required: ['a'] }, { required: ['b'] }],
        oneOf: [{ type: 'object', ...inferred }, { type: 'array' }],
      },
    });

    expect(schemas.Both).toEqual({
      anyOf: [{ required: ['a'] }, { required: ['b'] }],
      allOf: [{ anyOf: [{}, { type: 'array' }] }],
    });
  });

  it('keeps boolean schemas', () => {
    const schemas = publishedSchemas({
      Offer: { type: 'object', properties: { currency: false, price: { ...inferred } } },
    });

    expect(schemas.Offer).toEqual({ type: 'object', properties: { currency: false, price: {} } });
  });

  it('survives cyclic references', () => {
    const schemas = publishedSchemas({
      Node: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            properties: { next: { $ref: '#/components/schemas/Node' }, label: inferred },
          },
        ],
      },
    });

    expect(schemas.Node).toEqual({
      anyOf: [
        { type: 'null' },
        { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' }, label: {} } },
      ],
    });
  });

  it('relaxes inline path schemas but not examples', () => {
    const example = { schema: { ...inferred } };
    const paths = {
      '/a': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { a: inferred } },
                examples: { one: { value: example } },
              },
            },
          },
        },
      },
    };

    const document = derivePublishedDocument({ components: { schemas: {} }, paths });
    const media = (document.paths as typeof paths)['/a'].post.requestBody.content[
      'application/json'
    ];

    expect(media.schema).toEqual({ type: 'object', properties: { a: {} } });
    expect(media.examples.one.value).toEqual(example);
  });

  it('leaves its input unchanged', () => {
    const input = {
      components: { schemas: { A: { oneOf: [{ type: 'null' }, { ...inferred }] } } },
      paths: {},
    };
    const copy = structuredClone(input);

    derivePublishedDocument(input);

    expect(input).toEqual(copy);
  });
});
