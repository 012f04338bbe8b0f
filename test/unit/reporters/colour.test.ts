import { describe, expect, it } from 'vitest';
import { createColours, isColourEnabled } from '../../../src/reporters/colour.js';

const TTY = { isTTY: true };
const PIPE = { isTTY: false };

describe('colour', () => {
  it('colours a TTY', () => {
    expect(isColourEnabled(TTY, {})).toBe(true);
  });

  it('stays plain on a pipe', () => {
    expect(isColourEnabled(PIPE, {})).toBe(false);
  });

  it('stays plain with NO_COLOR, even when forced', () => {
    expect(isColourEnabled(TTY, { NO_COLOR: '1' })).toBe(false);
    expect(isColourEnabled(TTY, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('ignores an empty NO_COLOR', () => {
    expect(isColourEnabled(TTY, { NO_COLOR: '' })).toBe(true);
  });

  it('colours a pipe with FORCE_COLOR', () => {
    expect(isColourEnabled(PIPE, { FORCE_COLOR: '1' })).toBe(true);
    expect(isColourEnabled(PIPE, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('stays plain in CI and on a dumb terminal', () => {
    expect(isColourEnabled(TTY, { CI: 'true' })).toBe(false);
    expect(isColourEnabled(TTY, { TERM: 'dumb' })).toBe(false);
  });

  it('gives identity functions when plain', () => {
    expect(createColours(PIPE, {}).red('x')).toBe('x');
    expect(createColours(TTY, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
