import type { RunResult } from '../run/results.js';
import type { ReporterOptions, ResolvedReporterOptions } from './options.js';

/**
 * Text that replaces a secret found by its shape. It contains no `<`, `>`, `&` or quote, so it
 * is safe in every report format, also when the scrub runs over text already escaped for HTML.
 */
export const SCRUB_MASK = '[redacted]';

// Characters of a token (RFC 6750 b64token). A `$PARTLY_...` or `"${PARTLY_...}"` reference
// starts with another character, so it never matches.
const TOKEN = '[A-Za-z0-9._~+/=-]';
const NOT_REFERENCE = '(?!\\$\\{?PARTLY_)';

// A bearer token with a digit or underscore in it, so that prose such as "Bearer token" stays.
const BEARER_TOKEN = new RegExp(`(Bearer\\s+)(?=${TOKEN}*[0-9_])${TOKEN}{6,}`, 'gi');
const BASIC_CREDENTIALS = /(Authorization:\s*Basic\s+)[A-Za-z0-9+/=]{4,}/gi;
// JSON members that carry a secret, raw (`"api_key":"x"`) or inside a JSON string (`\"api_key\"`).
const SECRET_MEMBER = new RegExp(
  `(\\\\?"(?:api_key|apiKey|client_secret|clientSecret|access_code|accessCode|access_token|refresh_token|password)\\\\?"\\s*:\\s*\\\\?")${NOT_REFERENCE}[^"\\\\\\s]+`,
  'g',
);
const SECRET_QUERY = new RegExp(
  `([?&](?:api_key|client_secret|access_code|access_token)=)${NOT_REFERENCE}[^&\\s'"]+`,
  'g',
);

/**
 * Replaces secrets recognisable by their shape: bearer tokens, Basic credentials, JSON members
 * named like `api_key` or `client_secret`, and such query parameters. `$PARTLY_...` references
 * stay. This is a second line behind the registered-secret redactor, not a replacement for it.
 */
export function scrubSecretShapes(text: string): string {
  return text
    .replace(BEARER_TOKEN, `$1${SCRUB_MASK}`)
    .replace(BASIC_CREDENTIALS, `$1${SCRUB_MASK}`)
    .replace(SECRET_MEMBER, `$1${SCRUB_MASK}`)
    .replace(SECRET_QUERY, `$1${SCRUB_MASK}`);
}

/** Combines the caller's redactor (if any) with the shape scrub into one text function. */
export function createTextRedaction(redact?: (text: string) => string): (text: string) => string {
  if (redact === undefined) {
    return scrubSecretShapes;
  }
  return (text) => scrubSecretShapes(redact(text));
}

/** Applies the reporter option defaults; `redact` becomes the combined redaction. */
export function resolveReporterOptions(options: ReporterOptions): ResolvedReporterOptions {
  return {
    stream: options.stream ?? process.stdout,
    env: options.env ?? process.env,
    redact: createTextRedaction(options.redact),
    now: options.now ?? (() => new Date()),
  };
}

function redactValue(value: unknown, redactText: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return redactText(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, redactText));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [
      key,
      redactValue(item, redactText),
    ]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Returns a copy of `result` with `redactText` applied to every string in it. Reporters render
 * from this copy, because escaping for HTML, XML or workflow commands can change a secret's
 * spelling so that a pass over the final text alone would miss it.
 */
export function redactRunResult(
  result: RunResult,
  redactText: (text: string) => string,
): RunResult {
  return redactValue(result, redactText) as RunResult;
}
