import { MASK, type Redactor, type Segment } from './redact.js';
import { hasHeader } from './request.js';
import type { ExchangeRequest } from './types.js';

/**
 * Renders a request as one runnable shell line: `curl -sS -g -X POST 'url' -H '...'
 * --data-raw '...'`. Each registered secret becomes a `"${NAME}"` reference, so the line runs
 * once the user exports that variable, and a credential the redactor does not know is
 * masked as `<redacted>`. Text is single-quoted; text with control characters, such as a
 * newline, uses bash's `$'...'` quoting so the command stays on one line.
 */
export function renderCurl(request: ExchangeRequest, redactor: Redactor): string {
  const words: Segment[][] = [
    plain('curl'),
    plain('-sS'),
    // -g: brackets and braces in the URL are sent as is, not expanded as curl globs.
    plain('-g'),
    ...verbWords(request.verb),
    redactor.split(request.url),
  ];

  for (const [name, value] of Object.entries(request.headers)) {
    words.push(plain('-H'), [
      { kind: 'text', text: `${name}: ` },
      ...redactor.splitHeader(name, value),
    ]);
  }

  if (request.body !== undefined) {
    // Without this, curl adds `Content-Type: application/x-www-form-urlencoded` to --data-raw.
    if (!hasHeader(request.headers, 'content-type'))
      words.push(plain('-H'), plain('Content-Type:'));
    words.push(plain('--data-raw'), redactor.split(request.body));
  }
  return words.map(renderWord).join(' ');
}

function verbWords(verb: string): Segment[][] {
  // `-X HEAD` would make curl wait for a body that never comes; --head sends HEAD and stops.
  if (verb.toUpperCase() === 'HEAD') return [plain('--head')];
  return [plain('-X'), plain(verb)];
}

function plain(text: string): Segment[] {
  return [{ kind: 'text', text }];
}

function renderWord(segments: Segment[]): string {
  const rendered = mergeText(segments).map(renderSegment).join('');
  return rendered === '' ? "''" : rendered;
}

/** Joins neighbouring text and masks into one text segment, so each gets one pair of quotes. */
function mergeText(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    if (segment.kind === 'secret') {
      merged.push(segment);
      continue;
    }

    const text = segment.kind === 'text' ? segment.text : MASK;
    const previous = merged.at(-1);
    if (previous?.kind === 'text') previous.text += text;
    else merged.push({ kind: 'text', text });
  }
  return merged;
}

function renderSegment(segment: Segment): string {
  if (segment.kind === 'secret') return `"\${${segment.name}}"`;
  return quote(segment.kind === 'text' ? segment.text : MASK);
}

/** Quotes text for a POSIX shell; a word of only safe characters stays bare. */
export function quote(text: string): string {
  if (text === '') return '';
  if (/^[A-Za-z0-9_\-.,:/=@%+]+$/.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point.
  if (/[\x00-\x1f\x7f]/.test(text)) return ansiQuote(text);
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** Quotes text as bash's `$'...'`, escaping backslash, quote and control characters. */
function ansiQuote(text: string): string {
  let body = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '\\' || character === "'") body += `\\${character}`;
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += character;
  }
  return `$'${body}'`;
}
