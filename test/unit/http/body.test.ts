import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/http/decode-body.js';
import { findDuplicateKeys } from '../../../src/http/duplicate-keys.js';
import { readBody } from '../../../src/http/read-body.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('findDuplicateKeys', () => {
  it('returns nothing for unique keys', () => {
    expect(findDuplicateKeys('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toEqual([]);
  });

  it('points at duplicates at any depth', () => {
    const text = '{"a":1,"a":2,"list":[{"x":1},{"x":1,"x":2}],"o":{"k":{"y":0,"y":1}}}';
    expect(findDuplicateKeys(text)).toEqual(['/a', '/list/1/x', '/o/k/y']);
  });

  it('is not fooled by braces and quotes inside strings', () => {
    expect(findDuplicateKeys('{"a":"{\\"a\\":1,","b":"}","a":3}')).toEqual(['/a']);
  });

  it('compares decoded keys and escapes the pointer', () => {
    expect(findDuplicateKeys('{"a/b":1,"a\\/b":2,"t~":0,"t~":1}')).toEqual(['/a~1b', '/t~0']);
  });

  it('reports a key repeated three times once', () => {
    expect(findDuplicateKeys('{"a":1,"a":2,"a":3}')).toEqual(['/a']);
  });
});

describe('decodeBody', () => {
  it('parses a complete JSON body', () => {
    expect(decodeBody(bytes('{"ok":true}'), true)).toEqual({
      bodyText: '{"ok":true}',
      json: { ok: true },
    });
  });

  it('does not parse an empty body', () => {
    expect(decodeBody(bytes(''), true)).toEqual({ bodyText: '' });
  });

  it('records why a body is not JSON', () => {
    const decoded = decodeBody(bytes('{"ok":'), true);
    expect(decoded.json).toBeUndefined();
    expect(decoded.jsonError).toMatch(/JSON/);
  });

  it('rejects a byte order mark', () => {
    const decoded = decodeBody(Buffer.from([0xef, 0xbb, 0xbf, ...bytes('{}')]), true);
    expect(decoded.json).toBeUndefined();
    expect(decoded.bodyText.startsWith('\uFEFF')).toBe(true);
  });

  it('names the offset of invalid UTF-8', () => {
    const decoded = decodeBody(Buffer.from([0x22, 0x61, 0xc3, 0x28, 0x22]), true);
    expect(decoded.jsonError).toBe('body is not valid UTF-8 at byte 3, not parsed');
    expect(decoded.json).toBeUndefined();
  });

  it('reports a multi-byte character cut at the end of a complete body', () => {
    const decoded = decodeBody(Buffer.from([0x22, 0x61, 0xe2, 0x82]), true);
    expect(decoded.jsonError).toBe('body is not valid UTF-8 at byte 2, not parsed');
  });

  it('drops a multi-byte character cut at the end of an incomplete body', () => {
    const decoded = decodeBody(Buffer.from([0x22, 0x61, 0xe2, 0x82]), false);
    expect(decoded.bodyText).toBe('"a');
    expect(decoded.jsonError).toBe('body is incomplete, not parsed');
  });

  it('records duplicate keys beside the parsed value', () => {
    const decoded = decodeBody(bytes('{"a":1,"a":2}'), true);
    expect(decoded.json).toEqual({ a: 2 });
    expect(decoded.duplicateKeys).toEqual(['/a']);
  });
});

describe('readBody', () => {
  const text = JSON.stringify({ items: Array.from({ length: 50 }, (_, index) => ({ index })) });

  it('undoes gzip, deflate and br', async () => {
    const encoded = {
      gzip: gzipSync(text),
      deflate: deflateSync(text),
      br: brotliCompressSync(text),
    };
    for (const [encoding, body] of Object.entries(encoded)) {
      const read = await readBody(Readable.from([body]), encoding, 1024 * 1024);
      expect(read.bytes.toString()).toBe(text);
      expect(read.error).toBeUndefined();
    }
  });

  it('undoes stacked encodings last first', async () => {
    const body = brotliCompressSync(gzipSync(text));
    const read = await readBody(Readable.from([body]), 'gzip, br', 1024 * 1024);
    expect(read.bytes.toString()).toBe(text);
  });

  it('leaves an unknown encoding as received', async () => {
    const read = await readBody(Readable.from([bytes('abc')]), 'zstd', 1024);
    expect(read.bytes.toString()).toBe('abc');
  });

  it('returns the error of a body that is not gzip', async () => {
    const read = await readBody(Readable.from([bytes('not gzip at all')]), 'gzip', 1024);
    expect(read.error).toBeInstanceOf(Error);
    expect((read.error as { code?: string }).code).toMatch(/^Z_/);
  });

  it('cuts at the cap and destroys the source', async () => {
    const source = Readable.from(Array.from({ length: 100 }, () => Buffer.alloc(1000, 'x')));
    const read = await readBody(source, undefined, 2500);
    expect(read.tooLarge).toBe(true);
    expect(read.bytes).toHaveLength(2500);
    expect(read.bytesRead).toBe(3000);
    expect(source.destroyed).toBe(true);
  });

  it('returns the error of a source that fails', async () => {
    const source = new Readable({ read() {} });
    source.push(bytes('part'));
    setImmediate(() => source.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' })));
    const read = await readBody(source, undefined, 1024);
    expect(read.bytes.toString()).toBe('part');
    expect((read.error as { code?: string }).code).toBe('ECONNRESET');
  });
});
