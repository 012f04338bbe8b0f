import type { Credentials } from '../config/options.js';
import type { Exchange, ExchangeRequest, ExchangeResponse } from './types.js';

/** Secrets shorter than this are not registered, because masking them would shred normal text. */
export const MIN_SECRET_LENGTH = 6;

/** Text that stands for a value that is masked without a name, such as an unknown bearer token. */
export const MASK = '<redacted>';

/** A piece of text after redaction: plain text, a named secret, or a masked value. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'secret'; name: string }
  | { kind: 'masked' };

/** A secret with the environment variable name that stands for it. */
export interface NamedSecret {
  value: string;
  name: string;
}

/** Replaces registered secrets in text, headers and exchanges with `$NAME` placeholders. */
export interface Redactor {
  /**
   * Registers a secret under an environment variable name (default `PARTLY_SECRET_<n>`). Returns
   * false, registering nothing, when the secret is shorter than `MIN_SECRET_LENGTH`; a secret
   * seen before keeps its first name.
   */
  add(secret: string, name?: string): boolean;
  /** Splits text into plain text and the secrets found in it. */
  split(text: string): Segment[];
  /** Splits a header value; credentials headers are masked whole unless they are one secret. */
  splitHeader(name: string, value: string): Segment[];
  redactText(text: string): string;
  /** Copies headers with secrets replaced; `Authorization` keeps only its scheme in the clear. */
  redactHeaders(headers: Record<string, string>): Record<string, string>;
  /**
   * Copies an exchange with every secret replaced. First it registers the string values of
   * secret fields (`api_key`, `access_token`, ...) in the response JSON, such as a minted key.
   */
  redactExchange(exchange: Exchange): Exchange;
}

/** Environment variable names of the configured credentials' secrets. */
export const CREDENTIAL_SECRET_NAMES = {
  repairerApiKey: 'PARTLY_REPAIRER_API_KEY',
  supplierApiKey: 'PARTLY_SUPPLIER_API_KEY',
  oauthClientSecret: 'PARTLY_OAUTH_CLIENT_SECRET',
  oauthAccessCode: 'PARTLY_OAUTH_ACCESS_CODE',
} as const;

/** Returns the secrets of a credential set with their environment variable names. */
export function credentialSecrets(credentials: Credentials): NamedSecret[] {
  const names = CREDENTIAL_SECRET_NAMES;
  return [
    { value: credentials.repairer.apiKey, name: names.repairerApiKey },
    { value: credentials.supplier.apiKey, name: names.supplierApiKey },
    { value: credentials.oauth.clientSecret, name: names.oauthClientSecret },
    { value: credentials.oauth.accessCode, name: names.oauthAccessCode },
  ];
}

/** Response fields whose string value is a secret; the key is the name prefix it gets. */
const SECRET_FIELDS: Record<string, string> = {
  api_key: 'PARTLY_MINTED_API_KEY',
  access_token: 'PARTLY_MINTED_ACCESS_TOKEN',
  refresh_token: 'PARTLY_MINTED_REFRESH_TOKEN',
  id_token: 'PARTLY_MINTED_ID_TOKEN',
  client_secret: 'PARTLY_MINTED_CLIENT_SECRET',
};

/** Headers whose whole value is a credential. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** A credentials header that names a scheme and carries no credentials, kept in the clear. */
const BARE_SCHEME = /^\s*(Bearer|Basic|Digest|Token)?\s*$/i;

/** Shortest end of a cut body that is masked when it starts a secret. */
const MIN_CUT_SECRET_LENGTH = 4;

/**
 * Creates a redactor holding `secrets`; a plain string gets a default name. Every registered
 * secret is also found in its JSON-escaped and URL-encoded forms.
 */
export function createRedactor(secrets: Iterable<string | NamedSecret> = []): Redactor {
  const names = new Map<string, string>();
  const forms = new Map<string, string>();
  const minted = new Map<string, number>();
  let pattern: RegExp | undefined;

  function add(secret: string, name?: string): boolean {
    if (secret.length < MIN_SECRET_LENGTH) return false;
    if (names.has(secret)) return true;
    const chosen = name ?? `PARTLY_SECRET_${names.size + 1}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(chosen)) {
      throw new RangeError(`Secret name ${JSON.stringify(chosen)} is not a shell variable name`);
    }

    names.set(secret, chosen);
    for (const form of encodedForms(secret)) if (!forms.has(form)) forms.set(form, chosen);
    pattern = undefined;
    return true;
  }

  function split(text: string): Segment[] {
    if (forms.size === 0 || text === '') return [{ kind: 'text', text }];
    pattern ??= buildPattern([...forms.keys()]);
    return splitByPattern(text, pattern, forms);
  }

  function splitHeader(name: string, value: string): Segment[] {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) return split(value);
    if (BARE_SCHEME.test(value)) return [{ kind: 'text', text: value }];
    const match = /^(\S+)(\s+)(\S.*)$/.exec(value);
    const scheme = match && /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$/.test(match[1] ?? '');
    if (!match || !scheme || name.toLowerCase().includes('cookie')) return maskUnlessSecret(value);
    return [{ kind: 'text', text: `${match[1]}${match[2]}` }, ...maskUnlessSecret(match[3] ?? '')];
  }

  function maskUnlessSecret(value: string): Segment[] {
    const name = forms.get(value);
    return name ? [{ kind: 'secret', name }] : [{ kind: 'masked' }];
  }

  function redactText(text: string): string {
    return joinSegments(split(text));
  }

  function redactHeaders(headers: Record<string, string>): Record<string, string> {
    const copy: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      copy[name] = joinSegments(splitHeader(name, value));
    }
    return copy;
  }

  function registerResponseSecrets(value: unknown): void {
    visitSecretFields(value, (field, secret) => {
      if (names.has(secret)) return;
      const prefix = SECRET_FIELDS[field] ?? 'PARTLY_MINTED_SECRET';
      const count = (minted.get(prefix) ?? 0) + 1;
      minted.set(prefix, count);
      add(secret, count === 1 ? prefix : `${prefix}_${count}`);
    });
  }

  function redactCutText(text: string): string {
    const redacted = redactText(text);
    return maskCutSecret(redacted, [...forms.keys()]);
  }

  function redactExchange(exchange: Exchange): Exchange {
    if (exchange.response?.json !== undefined) registerResponseSecrets(exchange.response.json);
    const copy: Exchange = { ...exchange, request: redactRequest(exchange.request) };
    if (exchange.response) copy.response = redactResponse(exchange.response, isCut(exchange));
    if (exchange.error)
      copy.error = { ...exchange.error, message: redactText(exchange.error.message) };
    return copy;
  }

  function redactRequest(request: ExchangeRequest): ExchangeRequest {
    return {
      ...request,
      url: redactText(request.url),
      headers: redactHeaders(request.headers),
      body: request.body === undefined ? undefined : redactText(request.body),
    };
  }

  function redactResponse(response: ExchangeResponse, cut: boolean): ExchangeResponse {
    const copy: ExchangeResponse = {
      ...response,
      headers: redactHeaders(response.headers),
      bodyText: cut ? redactCutText(response.bodyText) : redactText(response.bodyText),
    };
    if (response.json !== undefined) {
      const redactSecret = (text: string) => joinSegments(maskUnlessSecret(text));
      copy.json = redactJson(response.json, { redactText, redactSecret });
    }
    if (response.jsonError !== undefined) copy.jsonError = redactText(response.jsonError);
    if (response.duplicateKeys) copy.duplicateKeys = response.duplicateKeys.map(redactText);
    return copy;
  }

  for (const secret of secrets) {
    if (typeof secret === 'string') add(secret);
    else add(secret.value, secret.name);
  }
  return { add, split, splitHeader, redactText, redactHeaders, redactExchange };
}

/** Returns the forms a secret takes in text: as is, inside a JSON string, inside a URL. */
function encodedForms(secret: string): Set<string> {
  return new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
}

function buildPattern(forms: string[]): RegExp {
  // Sorted by length, so where two forms start at the same place the longer one is replaced whole.
  const sorted = [...forms].sort((left, right) => right.length - left.length);
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function splitByPattern(text: string, pattern: RegExp, forms: Map<string, string>): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (index > last) segments.push({ kind: 'text', text: text.slice(last, index) });
    segments.push({ kind: 'secret', name: forms.get(match[0]) ?? 'PARTLY_SECRET' });
    last = index + match[0].length;
  }
  if (last < text.length || segments.length === 0) {
    segments.push({ kind: 'text', text: text.slice(last) });
  }
  return segments;
}

/** Joins segments into text with `$NAME` for each secret and `<redacted>` for each mask. */
export function joinSegments(segments: Segment[]): string {
  return segments
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      return segment.kind === 'secret' ? `$${segment.name}` : MASK;
    })
    .join('');
}

/**
 * Masks the end of a body cut at the cap when that end is the start of a secret, so a cut does
 * not leak part of one.
 */
function maskCutSecret(text: string, forms: string[]): string {
  for (const form of forms) {
    for (let length = form.length - 1; length >= MIN_CUT_SECRET_LENGTH; length -= 1) {
      if (text.endsWith(form.slice(0, length))) return `${text.slice(0, -length)}${MASK}`;
    }
  }
  return text;
}

function isCut(exchange: Exchange): boolean {
  return exchange.error !== undefined && exchange.response !== undefined;
}

function visitSecretFields(value: unknown, visit: (field: string, secret: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitSecretFields(item, visit);
    return;
  }
  if (typeof value !== 'object' || value === null) return;

  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && isSecretField(key)) visit(key.toLowerCase(), item);
    else visitSecretFields(item, visit);
  }
}

function isSecretField(key: string): boolean {
  return Object.hasOwn(SECRET_FIELDS, key.toLowerCase());
}

interface JsonRedaction {
  redactText(text: string): string;
  /** Text for a secret field's value: its placeholder, or the mask when it is unregistered. */
  redactSecret(text: string): string;
}

function redactJson(value: unknown, redaction: JsonRedaction): unknown {
  if (typeof value === 'string') return redaction.redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redaction));
  if (typeof value !== 'object' || value === null) return value;

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const secret = typeof item === 'string' && isSecretField(key);
    copy[redaction.redactText(key)] = secret
      ? redaction.redactSecret(item)
      : redactJson(item, redaction);
  }
  return copy;
}
