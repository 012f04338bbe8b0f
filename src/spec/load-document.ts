import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { request } from 'undici';
import { HarnessError } from '../errors.js';

/** Maximum size of a spec document read from a URL, in bytes. The pinned spec is about 60 KiB. */
const MAX_REMOTE_BYTES = 20 * 1024 * 1024;

/** Milliseconds to wait for a spec URL's headers, and then between chunks of its body. */
const REMOTE_TIMEOUT_MS = 15_000;

/** One spec document as read and validated, before any merging. */
export interface LoadedSpec {
  /** The file path or URL as given. */
  source: string;
  /** Absolute file path or URL, against which relative `$ref`s resolve. */
  location: string;
  /** The text as read, which the spec hash covers. */
  text: string;
  /** The parsed document, with its `$ref`s kept rather than dereferenced. */
  document: OpenAPIV3_1.Document;
  /** SHA-256 of `text`, hex, as `sha256sum` prints it. */
  hash: string;
}

/** True for an `http:` or `https:` URL, as opposed to a file path. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Collapses a multi-line library message into one line of bounded length. */
export function toOneLine(message: string, maxLength = 300): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 3)}...` : line;
}

function errorMessage(error: unknown): string {
  return toOneLine(error instanceof Error ? error.message : String(error));
}

const FILE_FAULTS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

function readFault(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' ? FILE_FAULTS[code] : undefined) ?? errorMessage(error);
}

/**
 * SHA-256 over several document texts in order, hex. Each text is preceded by its byte length, so
 * moving bytes from one document to the next changes the hash.
 */
export function hashSpecTexts(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) {
    hash.update(`${Buffer.byteLength(text)}:`);
    hash.update(text);
  }
  return hash.digest('hex');
}

/** Maximum time to read a remote spec, headers and body together, in milliseconds. */
const REMOTE_TOTAL_TIMEOUT_MS = 60_000;

async function readRemote(url: string): Promise<string> {
  const response = await request(url, {
    method: 'GET',
    headers: { accept: 'application/json' },
    headersTimeout: REMOTE_TIMEOUT_MS,
    bodyTimeout: REMOTE_TIMEOUT_MS,
    // A server that drips bytes resets the body timeout with each one; this bounds the whole read.
    signal: AbortSignal.timeout(REMOTE_TOTAL_TIMEOUT_MS),
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`HTTP status ${response.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > MAX_REMOTE_BYTES) {
      response.body.destroy();
      throw new Error(`body larger than ${MAX_REMOTE_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(source: string, location: string): Promise<string> {
  try {
    return isUrl(source) ? await readRemote(location) : await readFile(location, 'utf8');
  } catch (error) {
    const fix = isUrl(source) ? 'check that the URL is reachable' : 'check the path';
    throw new HarnessError(
      'HARNESS_SPEC_UNREADABLE',
      `Cannot read the spec ${source}: ${readFault(error)} (${fix})`,
      { cause: error },
    );
  }
}

function parseJson(source: string, text: string): OpenAPIV3_1.Document {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `The spec ${source} is not valid JSON: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HarnessError('HARNESS_SPEC_INVALID', `The spec ${source} is not a JSON object`);
  }
  return value as OpenAPIV3_1.Document;
}

/**
 * Validates a document with swagger-parser, which checks it against the OpenAPI schema and
 * resolves every `$ref` relative to `location`. The document is cloned first, because
 * swagger-parser replaces `$ref`s in place.
 */
export async function validateSpecDocument(
  label: string,
  location: string,
  document: OpenAPIV3_1.Document,
): Promise<void> {
  try {
    await SwaggerParser.validate(location, structuredClone(document), {});
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const fault =
      code === 'EMISSINGPOINTER' || code === 'ERESOLVER'
        ? 'has a $ref that does not resolve'
        : 'is not a valid OpenAPI 3.1 document';
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `The spec ${label} ${fault}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/** Reads, parses and validates one spec document from a file path or an http(s) URL. */
export async function loadSpecSource(source: string): Promise<LoadedSpec> {
  const location = isUrl(source) ? source : resolve(source);
  const text = await readText(source, location);
  const document = parseJson(source, text);
  await validateSpecDocument(source, location, document);
  const hash = createHash('sha256').update(text).digest('hex');
  return { source, location, text, document, hash };
}

/**
 * Loads one spec document from a file path or an http(s) URL, validated but neither merged nor
 * dereferenced. Raises a HarnessError (HARNESS_SPEC_UNREADABLE or HARNESS_SPEC_INVALID) whose
 * one-line message names the source and the fault.
 */
export async function loadSpecDocument(source: string): Promise<OpenAPIV3_1.Document> {
  const loaded = await loadSpecSource(source);
  return loaded.document;
}
