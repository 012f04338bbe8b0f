/**
 * Escapes text for HTML element content and quoted attribute values. Every string that reaches
 * the HTML report goes through this, because response bodies from the target can hold markup.
 */
export function escapeHtml(text: string): string {
  return text
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
