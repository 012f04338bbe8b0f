interface ObjectFrame {
  kind: 'object';
  pointer: string;
  keys: Set<string>;
  key: string;
  expectingKey: boolean;
}

interface ArrayFrame {
  kind: 'array';
  pointer: string;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

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
  const stack: Frame[] = [];
  let position = 0;

  while (position < text.length) {
    const character = text[position];
    const frame = stack.at(-1);

    if (character === '"') {
      const end = findStringEnd(text, position);
      if (frame?.kind === 'object' && frame.expectingKey) {
        readKey(frame, JSON.parse(text.slice(position, end)) as string, found);
      }
      position = end;
      continue;
    }

    if (character === '{' || character === '[') {
      stack.push(openFrame(character, frame ? childPointer(frame) : ''));
    } else if (character === '}' || character === ']') {
      stack.pop();
    } else if (character === ',' && frame) {
      if (frame.kind === 'array') frame.index += 1;
      else frame.expectingKey = true;
    }
    position += 1;
  }
  return [...found];
}

function openFrame(character: '{' | '[', pointer: string): Frame {
  if (character === '[') return { kind: 'array', pointer, index: 0 };
  return { kind: 'object', pointer, keys: new Set(), key: '', expectingKey: true };
}

function readKey(frame: ObjectFrame, key: string, found: Set<string>): void {
  if (frame.keys.has(key)) found.add(`${frame.pointer}/${escapePointerToken(key)}`);
  frame.keys.add(key);
  frame.key = key;
  frame.expectingKey = false;
}

function childPointer(frame: Frame): string {
  const token = frame.kind === 'array' ? String(frame.index) : escapePointerToken(frame.key);
  return `${frame.pointer}/${token}`;
}

/** Returns the index just past the closing quote of the string that opens at `start`. */
function findStringEnd(text: string, start: number): number {
  let position = start + 1;
  while (position < text.length) {
    const character = text[position];
    if (character === '\\') position += 2;
    else if (character === '"') return position + 1;
    else position += 1;
  }
  return text.length;
}
