import { isUtf8 } from 'node:buffer';
import { findDuplicateKeys } from './duplicate-keys.js';
import type { ExchangeResponse } from './types.js';

/** The parts of a response record that come from its body bytes. */
export type DecodedBody = Pick<
  ExchangeResponse,
  'bodyText' | 'json' | 'jsonError' | 'duplicateKeys'
>;

/**
 * Decodes whole bodies that are valid UTF-8. A call without `stream` starts afresh, so one
 * decoder serves every body; ignoreBOM keeps a leading byte order mark, as below.
 */
const WHOLE_BODY_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes a body as UTF-8 and parses it as JSON when it is complete and not empty. Invalid UTF-8
 * is kept as U+FFFD in `bodyText` and named in `jsonError` (with the byte offset), and such a
 * body is not parsed. An incomplete body (cut at the cap or broken off) is not parsed either, and
 * a multi-byte character cut at its end is dropped rather than reported as invalid.
 */
export function decodeBody(bytes: Uint8Array, complete: boolean): DecodedBody {
  if (complete && isUtf8(bytes)) {
    // The common case, checked by one native pass: a whole body of valid UTF-8.
    const bodyText = WHOLE_BODY_DECODER.decode(bytes);
    return bytes.length === 0 ? { bodyText } : { bodyText, ...parseJson(bodyText) };
  }
  // ignoreBOM keeps a leading byte order mark in the text, so JSON.parse rejects it: RFC 8259
  // (section 8.1) forbids adding one.
  const bodyText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, {
    stream: !complete,
  });
  const invalidAt = findInvalidUtf8(bytes, complete);
  if (invalidAt !== undefined) {
    return { bodyText, jsonError: `body is not valid UTF-8 at byte ${invalidAt}, not parsed` };
  }
  if (!complete) return { bodyText, jsonError: 'body is incomplete, not parsed' };
  if (bytes.length === 0) return { bodyText };
  return { bodyText, ...parseJson(bodyText) };
}

function parseJson(text: string): Omit<DecodedBody, 'bodyText'> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { jsonError: oneLine((error as Error).message) };
  }

  // A text that is exactly what JSON.stringify makes of its parsed value has no duplicate keys,
  // since the parse drops every repeat. That check is faster than the scan, which then only runs
  // for texts written another way (spacing, escapes, integer-like keys that the parse reorders).
  if (JSON.stringify(json) === text) return { json };
  const duplicateKeys = findDuplicateKeys(text);
  return duplicateKeys.length > 0 ? { json, duplicateKeys } : { json };
}

/**
 * Returns the offset of the first byte that makes the body invalid UTF-8, or undefined when it is
 * valid. In an incomplete body a sequence cut off at the end counts as valid.
 */
function findInvalidUtf8(bytes: Uint8Array, complete: boolean): number | undefined {
  if (isValidPrefix(bytes, bytes.length)) {
    return complete && !isValidWhole(bytes) ? findLastSequenceStart(bytes) : undefined;
  }

  // Once a prefix is invalid, every longer prefix is too, so a binary search finds the shortest
  // invalid prefix. Its last byte is the bad one.
  let low = 0;
  let high = bytes.length;
  while (low + 1 < high) {
    const middle = Math.floor((low + high) / 2);
    if (isValidPrefix(bytes, middle)) low = middle;
    else high = middle;
  }
  return high - 1;
}

function isValidPrefix(bytes: Uint8Array, length: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

function isValidWhole(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Returns the offset of the last byte that is not a continuation byte (`10xxxxxx`). */
function findLastSequenceStart(bytes: Uint8Array): number {
  let position = bytes.length - 1;
  while (position > 0 && ((bytes[position] ?? 0) & 0xc0) === 0x80) position -= 1;
  return position;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
