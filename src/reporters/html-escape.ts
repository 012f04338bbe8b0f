/**
 * Shows control characters other than newline and tab as `\x1b`-style escapes, so that a
 * response body with terminal colour codes reads as what was received.
 */
export function showControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it shows
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (character) => {
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/**
 * Escapes text for HTML element content and quoted attribute values, with control characters
 * made visible. Every string that reaches the HTML report goes through this, because response
 * bodies from the target can hold markup.
 */
export function escapeHtml(text: string): string {
  return showControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes a check or method name and lets the browser break the line after `-` and `.`. */
export function escapeBreakable(text: string): string {
  return escapeHtml(text).replace(/([-.])/g, '$1<wbr>');
}
