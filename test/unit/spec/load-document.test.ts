import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/errors.js';
import { loadCatalogue } from '../../../src/spec/catalogue.js';
import {
  hashSpecTexts,
  loadSpecDocument,
  loadSpecSource,
} from '../../../src/spec/load-document.js';
import { SPEC_FIXTURES, WIRE_SPEC } from './pinned-spec.js';

const fixture = (name: string): string => join(SPEC_FIXTURES, name);

/** Awaits a rejection and returns it as a HarnessError, failing the test otherwise. */
async function harnessErrorOf(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HarnessError);
  const harnessError = error as HarnessError;
  expect(harnessError.message).not.toContain('\n');
  return harnessError;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('loadSpecDocument', () => {
  it('loads and validates a file', async () => {
    const document = await loadSpecDocument(fixture('minimal.openapi.json'));

    expect(document.info.version).toBe('test-1');
    expect(Object.keys(document.paths ?? {})).toEqual(['/api/test/things.get']);
  });

  it('keeps references and leaves the input alone', async () => {
    const loaded = await loadSpecSource(WIRE_SPEC);
    const text = readFileSync(WIRE_SPEC, 'utf8');

    expect(JSON.stringify(loaded.document)).toContain('"$ref"');
    expect(loaded.document).toEqual(JSON.parse(text));
    expect(loaded.text).toBe(text);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a missing file as unreadable', async () => {
    const error = await harnessErrorOf(loadSpecDocument(fixture('missing.json')));

    expect(error.code).toBe('HARNESS_SPEC_UNREADABLE');
    expect(error.message).toContain('missing.json');
    expect(error.message).toContain('no such file');
  });

  it('reports malformed JSON as invalid', async () => {
    const error = await harnessErrorOf(loadSpecDocument(fixture('malformed.json')));

    expect(error.code).toBe('HARNESS_SPEC_INVALID');
    expect(error.message).toContain('malformed.json');
    expect(error.message).toContain('not valid JSON');
  });

  it('reports a reference that does not resolve', async () => {
    const error = await harnessErrorOf(loadSpecDocument(fixture('unresolved-ref.openapi.json')));

    expect(error.code).toBe('HARNESS_SPEC_INVALID');
    expect(error.message).toContain('unresolved-ref.openapi.json');
    expect(error.message).toContain('$ref that does not resolve');
    expect(error.message).toContain('Missing');
  });

  it('reports a document that is not OpenAPI', async () => {
    const error = await harnessErrorOf(
      loadSpecDocument(join(SPEC_FIXTURES, '../seed-examples.json')),
    );

    expect(error.code).toBe('HARNESS_SPEC_INVALID');
    expect(error.message).toContain('not a valid OpenAPI 3.1 document');
  });
});

describe('loadSpecDocument over http', () => {
  const text = readFileSync(fixture('minimal.openapi.json'), 'utf8');
  const server = createServer((request, response) => {
    if (request.url === '/openapi.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(text);
    } else {
      response.writeHead(404).end();
    }
  });
  let base = '';

  beforeAll(async () => {
    base = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  it('loads a document from a URL', async () => {
    const loaded = await loadSpecSource(`${base}/openapi.json`);

    expect(loaded.document.info.version).toBe('test-1');
    expect(loaded.text).toBe(text);
  });

  it('reports an HTTP error status as unreadable', async () => {
    const error = await harnessErrorOf(loadSpecDocument(`${base}/missing.json`));

    expect(error.code).toBe('HARNESS_SPEC_UNREADABLE');
    expect(error.message).toContain(`${base}/missing.json`);
    expect(error.message).toContain('404');
  });

  it('reports an unreachable URL as unreadable', async () => {
    const closed = createServer();
    const url = `${await listen(closed)}/openapi.json`;
    await close(closed);

    const error = await harnessErrorOf(loadSpecDocument(url));

    expect(error.code).toBe('HARNESS_SPEC_UNREADABLE');
    expect(error.message).toContain(url);
  });
});

describe('loadCatalogue errors', () => {
  it('names the method whose schema Ajv cannot compile', async () => {
    const error = await harnessErrorOf(
      loadCatalogue({ spec: fixture('uncompilable.openapi.json'), extensionsSpec: false }),
    );

    expect(error.code).toBe('HARNESS_SPEC_INVALID');
    expect(error.message).toContain('things.get');
    expect(error.message).toContain('cannot compile');
  });

  it('rejects extensions whose wire components are missing', async () => {
    const error = await harnessErrorOf(
      loadCatalogue({
        spec: fixture('minimal.openapi.json'),
        extensionsSpec: join(SPEC_FIXTURES, '../../../spec/partly-2026-01.extensions.openapi.json'),
      }),
    );

    expect(error.code).toBe('HARNESS_SPEC_INVALID');
    expect(error.message).toContain('minimal.openapi.json');
    expect(error.message).toContain('$ref that does not resolve');
  });

  it('does not cache a failed load', async () => {
    const options = { spec: fixture('missing.json'), extensionsSpec: false as const };
    const first = loadCatalogue(options);
    await harnessErrorOf(first);

    expect(loadCatalogue(options)).not.toBe(first);
    await harnessErrorOf(loadCatalogue(options));
  });
});

describe('hashSpecTexts', () => {
  it('depends on where the texts split', () => {
    expect(hashSpecTexts(['ab', 'c'])).not.toBe(hashSpecTexts(['a', 'bc']));
    expect(hashSpecTexts(['ab', 'c'])).toBe(hashSpecTexts(['ab', 'c']));
  });
});
