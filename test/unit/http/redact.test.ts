import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../../src/config/defaults.js';
import { createRedactor, credentialSecrets, MIN_SECRET_LENGTH } from '../../../src/http/redact.js';
import type { Exchange } from '../../../src/http/types.js';

const REPAIRER_KEY = DEMO_CREDENTIALS.repairer.apiKey;
const CLIENT_SECRET = DEMO_CREDENTIALS.oauth.clientSecret;
const ACCESS_CODE = DEMO_CREDENTIALS.oauth.accessCode;
const MINTED_KEY = 'partly_0123456789abcdef0123456789abcdef';

function createDemoRedactor() {
  return createRedactor(credentialSecrets(DEMO_CREDENTIALS));
}

/** Builds an integrations.insert exchange that mints a key, with every secret in the clear. */
function mintingExchange(): Exchange {
  return {
    id: 'exchange-1',
    request: {
      method: 'integrations.insert',
      url: `http://127.0.0.1:1/api/2026-01/integrations.insert?code=${encodeURIComponent(ACCESS_CODE)}`,
      verb: 'POST',
      headers: { authorization: `Bearer ${REPAIRER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'partly_client_demo',
        client_secret: CLIENT_SECRET,
        access_code: ACCESS_CODE,
      }),
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'set-cookie': 'session=abcdef123456' },
      bodyText: JSON.stringify({ api_key: MINTED_KEY, integration_id: 'int-1' }),
      json: { api_key: MINTED_KEY, integration_id: 'int-1' },
      bodyBytes: 80,
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
  };
}

describe('createRedactor', () => {
  it('replaces each secret with its named placeholder', () => {
    const redactor = createDemoRedactor();
    const text = `key ${REPAIRER_KEY} and again ${REPAIRER_KEY}, secret ${CLIENT_SECRET}`;

    expect(redactor.redactText(text)).toBe(
      'key $PARTLY_REPAIRER_API_KEY and again $PARTLY_REPAIRER_API_KEY, secret $PARTLY_OAUTH_CLIENT_SECRET',
    );
  });

  it('names an unnamed secret by its order', () => {
    const redactor = createRedactor(['first-secret', 'second-secret']);
    expect(redactor.redactText('second-secret first-secret')).toBe(
      '$PARTLY_SECRET_2 $PARTLY_SECRET_1',
    );
  });

  it('does not register a secret shorter than the minimum', () => {
    const redactor = createRedactor();
    const short = 'a'.repeat(MIN_SECRET_LENGTH - 1);

    expect(redactor.add(short, 'SHORT')).toBe(false);
    expect(redactor.redactText(`value ${short}`)).toBe(`value ${short}`);
    expect(redactor.add('a'.repeat(MIN_SECRET_LENGTH), 'LONG')).toBe(true);
  });

  it('finds JSON-escaped and URL-encoded forms', () => {
    const secret = 'pass/word"with&odd chars';
    const redactor = createRedactor([{ value: secret, name: 'ODD' }]);
    const text = `${JSON.stringify({ secret })} ?q=${encodeURIComponent(secret)}`;

    expect(redactor.redactText(text)).toBe('{"secret":"$ODD"} ?q=$ODD');
  });

  it('rejects a name that is not a shell variable', () => {
    const redactor = createRedactor();
    expect(() => redactor.add('some-secret', 'NOT A NAME')).toThrow(RangeError);
  });

  it('keeps the authorization scheme and masks an unknown token', () => {
    const redactor = createDemoRedactor();
    const headers = redactor.redactHeaders({
      Authorization: `Bearer ${REPAIRER_KEY}`,
      'proxy-authorization': 'Basic dXNlcjpwYXNz',
      cookie: 'session=abc',
      'x-note': `copy of ${REPAIRER_KEY}`,
      'partly-integration-id': DEMO_CREDENTIALS.repairer.integrationId,
    });

    expect(headers).toEqual({
      Authorization: 'Bearer $PARTLY_REPAIRER_API_KEY',
      'proxy-authorization': 'Basic <redacted>',
      cookie: '<redacted>',
      'x-note': 'copy of $PARTLY_REPAIRER_API_KEY',
      'partly-integration-id': DEMO_CREDENTIALS.repairer.integrationId,
    });
  });

  it('masks a token that is not registered, however short', () => {
    const redactor = createDemoRedactor();
    expect(redactor.redactHeaders({ authorization: 'Bearer abc' })).toEqual({
      authorization: 'Bearer <redacted>',
    });
    expect(redactor.redactHeaders({ authorization: 'opaque-token' })).toEqual({
      authorization: '<redacted>',
    });
    expect(redactor.redactHeaders({ authorization: 'Bearer ' })).toEqual({
      authorization: 'Bearer ',
    });
  });
});

describe('redactExchange', () => {
  it('removes every secret from headers, bodies and json', () => {
    const redactor = createDemoRedactor();
    const redacted = redactor.redactExchange(mintingExchange());
    const serialized = JSON.stringify(redacted);

    for (const secret of [REPAIRER_KEY, CLIENT_SECRET, ACCESS_CODE, MINTED_KEY, 'abcdef123456']) {
      expect(serialized).not.toContain(secret);
    }
    expect(redacted.request.headers.authorization).toBe('Bearer $PARTLY_REPAIRER_API_KEY');
    expect(redacted.request.url).toContain('?code=$PARTLY_OAUTH_ACCESS_CODE');
    expect(redacted.response?.json).toEqual({
      api_key: '$PARTLY_MINTED_API_KEY',
      integration_id: 'int-1',
    });
    expect(redacted.response?.bodyText).toContain('"api_key":"$PARTLY_MINTED_API_KEY"');
  });

  it('leaves the original exchange unchanged', () => {
    const redactor = createDemoRedactor();
    const exchange = mintingExchange();
    const copy = structuredClone(exchange);
    redactor.redactExchange(exchange);

    expect(exchange).toEqual(copy);
  });

  it('redacts a minted key in later requests', () => {
    const redactor = createDemoRedactor();
    redactor.redactExchange(mintingExchange());

    expect(redactor.redactText(`Bearer ${MINTED_KEY}`)).toBe('Bearer $PARTLY_MINTED_API_KEY');
    expect(redactor.redactHeaders({ authorization: `Bearer ${MINTED_KEY}` }).authorization).toBe(
      'Bearer $PARTLY_MINTED_API_KEY',
    );
  });

  it('numbers a second minted key', () => {
    const redactor = createDemoRedactor();
    redactor.redactExchange(mintingExchange());
    const second = mintingExchange();
    const otherKey = 'partly_ffffffffffffffffffffffffffffffff';
    if (second.response) second.response.json = { api_key: otherKey };
    redactor.redactExchange(second);

    expect(redactor.redactText(otherKey)).toBe('$PARTLY_MINTED_API_KEY_2');
  });

  it('masks the start of a secret at the end of a cut body', () => {
    const redactor = createDemoRedactor();
    const cut = `{"note":"${REPAIRER_KEY.slice(0, 12)}`;
    const exchange: Exchange = {
      ...mintingExchange(),
      error: { code: 'body-too-large', message: 'body passed the cap of 21 bytes' },
    };
    exchange.response = { status: 200, headers: {}, bodyText: cut, bodyBytes: 40 };
    const redacted = redactor.redactExchange(exchange);

    expect(redacted.response?.bodyText).toBe('{"note":"<redacted>');
  });

  it('redacts secrets in an error message', () => {
    const redactor = createDemoRedactor();
    const exchange: Exchange = {
      ...mintingExchange(),
      error: { code: 'invalid-response', message: `bad header near ${REPAIRER_KEY}` },
    };

    expect(redactor.redactExchange(exchange).error?.message).toBe(
      'bad header near $PARTLY_REPAIRER_API_KEY',
    );
  });
});
