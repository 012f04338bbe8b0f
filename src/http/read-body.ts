import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The result of reading a response body. */
export interface BodyRead {
  /** The decoded bytes, at most the cap. */
  bytes: Buffer;
  /** Decoded bytes read, which passes the cap by at most one chunk when `tooLarge`. */
  bytesRead: number;
  /** Reading stopped because the decoded body passed the cap. */
  tooLarge: boolean;
  /** The error that broke the body off (a timeout, a reset, a bad gzip stream). */
  error?: unknown;
}

/**
 * Reads a response body, undoing its `content-encoding` (gzip, deflate, br), and stops once the
 * decoded bytes pass `maxBytes`, so neither a large body nor a compression bomb is held in memory.
 * Never rejects, and on return every stream of the chain is destroyed or fully read, so the socket
 * is either reused or closed. An unknown encoding leaves the bytes as received.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<BodyRead> {
  const decoders = createDecoders(contentEncoding);
  const streams: Readable[] = [body, ...decoders];
  const output = connect(body, decoders);
  const chunks: Buffer[] = [];
  let bytesRead = 0;
  let keptBytes = 0;

  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      if (bytesRead > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - keptBytes));
        return { bytes: Buffer.concat(chunks), bytesRead, tooLarge: true };
      }
      chunks.push(chunk);
      keptBytes += chunk.length;
    }
    return { bytes: Buffer.concat(chunks), bytesRead, tooLarge: false };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), bytesRead, tooLarge: false, error };
  } finally {
    for (const stream of streams) release(stream);
  }
}

/**
 * Destroys a stream unless it already ended. undici's body emits an abort error when destroyed
 * early, and that error has no listener once the loop is left, so it is caught here.
 */
function release(stream: Readable): void {
  stream.on('error', ignoreError);
  if (!stream.destroyed) stream.destroy();
}

function ignoreError(): void {}

/**
 * Tells whether `readBody` would undo a `content-encoding`: every coding in it is known and at
 * least one is not `identity`.
 */
export function needsDecoding(contentEncoding: string | undefined): boolean {
  return createDecoders(contentEncoding).length > 0;
}

/**
 * Returns the decoders that undo `content-encoding`, last applied first (RFC 9110, section
 * 8.4). Returns none when an encoding in the list is unknown, because a partial undo would garble.
 */
function createDecoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (!codings.every(isKnownCoding)) return [];
  return codings.reverse().map(createDecoder);
}

const KNOWN_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;
type KnownCoding = (typeof KNOWN_CODINGS)[number];

function isKnownCoding(coding: string): coding is KnownCoding {
  return (KNOWN_CODINGS as readonly string[]).includes(coding);
}

function createDecoder(coding: KnownCoding): Transform {
  if (coding === 'br') return createBrotliDecompress();
  if (coding === 'deflate') return createInflate();
  return createGunzip();
}

/** Pipes `source` through each transform and passes any error downstream to the last one. */
function connect(source: Readable, transforms: Transform[]): Readable {
  let current = source;
  for (const transform of transforms) {
    current.on('error', (error) => transform.destroy(error));
    current.pipe(transform);
    current = transform;
  }
  return current;
}
