/**
 * Parses a `Retry-After` value (RFC 9110, section 10.2.3) into milliseconds to wait from `now`:
 * either delay-seconds or an HTTP-date. Returns undefined when the value is absent or neither
 * form; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;

  if (/^\d+$/.test(text)) return Number(text) * 1000;

  // The three HTTP-date forms (IMF-fixdate, RFC 850, asctime) all start with a day name.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  // The asctime form carries no zone and V8 would read it as local time, but HTTP dates are GMT.
  const date = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
