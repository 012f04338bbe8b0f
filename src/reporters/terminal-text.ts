import { stripVTControlCharacters } from 'node:util';

/**
 * Makes text from the target safe for one terminal line: drops ANSI escape sequences (which could
 * recolour or rewrite the screen) and shows the remaining control characters as `\n`, `\t` or
 * `\x07`.
 */
export function toTerminalLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it escapes
  return stripVTControlCharacters(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    if (character === '\n') {
      return '\\n';
    }
    if (character === '\r') {
      return '\\r';
    }
    if (character === '\t') {
      return '\\t';
    }
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Cuts `text` to `maxLength` characters, marking the cut with `…`. */
export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/** Pads `text` on the right to `width` characters. */
export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Pads `text` on the left to `width` characters. */
export function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/** Joins `parts` with ` · ` into lines of at most `width` characters, indenting continuations. */
export function wrapParts(parts: readonly string[], width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const candidate = line === '' ? part : `${line} · ${part}`;
    if (candidate.length > width && line !== '') {
      lines.push(line);
      line = `${indent}${part}`;
    } else {
      line = candidate;
    }
  }
  if (line !== '') {
    lines.push(line);
  }
  return lines;
}
