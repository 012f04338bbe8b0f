interface ObjectFrame {
  kind: 'object';
  parent: Frame | undefined;
  /** This value's key in its parent object, or its index in its parent array. */
  token: string | number;
  keys: Set<string>;
  key: string;
  expectingKey: boolean;
}

interface ArrayFrame {
  kind: 'array';
  parent: Frame | undefined;
  token: string | number;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Escapes one JSON pointer reference token (RFC 6901, section 3). */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Finds object members whose key appears more than once in the same object, and returns their
 * JSON pointers in the order the repeats appear, each pointer once. RFC 8259 (section 4) recommends
 * unique names (SHOULD), and `JSON.parse` silently keeps the last value. `text` must already
 * have parsed as JSON: the scan skips over values without validating them.
 */
export function findDuplicateKeys(text: string): string[] {
  const found = new Set<string>();
  let frame: Frame | undefined;
  let position = 0;

  while (position < text.length) {
    const code = text.charCodeAt(position);

    if (code === QUOTE) {
      const end = findStringEnd(text, position);
      if (frame?.kind === 'object' && frame.expectingKey) {
        readKey(frame, decodeKey(text, position, end), found);
      }
      position = end;
      continue;
    }

    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      frame = openFrame(code, frame);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      frame = frame?.parent;
    } else if (code === COMMA && frame) {
      if (frame.kind === 'array') frame.index += 1;
      else frame.expectingKey = true;
    }
    position += 1;
  }
  return [...found];
}

/**
 * Opens the frame of a value nested in `parent`. Its pointer is only spelled out for a
 * duplicate, so the frame keeps its parent and its own key or index instead.
 */
function openFrame(code: number, parent: Frame | undefined): Frame {
  let token: string | number = '';
  if (parent?.kind === 'array') token = parent.index;
  else if (parent?.kind === 'object') token = parent.key;
  if (code === OPEN_BRACKET) return { kind: 'array', parent, token, index: 0 };
  return { kind: 'object', parent, token, keys: new Set(), key: '', expectingKey: true };
}

/** Reads the key of the string token from `start` to `end`, quotes included. */
function decodeKey(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

function readKey(frame: ObjectFrame, key: string, found: Set<string>): void {
  if (frame.keys.has(key)) found.add(`${pointerOf(frame)}/${escapePointerToken(key)}`);
  frame.keys.add(key);
  frame.key = key;
  frame.expectingKey = false;
}

function pointerOf(frame: Frame): string {
  if (frame.parent === undefined) return '';
  const token =
    typeof frame.token === 'number' ? String(frame.token) : escapePointerToken(frame.token);
  return `${pointerOf(frame.parent)}/${token}`;
}

/** Returns the index just past the closing quote of the string that opens at `start`. */
function findStringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    // A quote is escaped when an odd number of backslashes runs up to it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}
