import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../../src/config/defaults.js';
import { quote, renderCurl } from '../../../src/http/curl.js';
import { createRedactor, credentialSecrets } from '../../../src/http/redact.js';
import type { ExchangeRequest } from '../../../src/http/types.js';
import { type HostileServer, startHostileServer } from '../../support/hostile-server.js';

const REPAIRER_KEY = DEMO_CREDENTIALS.repairer.apiKey;
const CLIENT_SECRET = DEMO_CREDENTIALS.oauth.clientSecret;
const CURL_FOUND = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].some(existsSync);

function demoRequest(url: string): ExchangeRequest {
  return {
    method: 'integrations.insert',
    url: `${url}/api/2026-01/integrations.insert`,
    verb: 'POST',
    headers: {
      authorization: `Bearer ${REPAIRER_KEY}`,
      'content-type': 'application/json',
      'x-note': "it's here",
    },
    // Pretty-printed, so the body contains newlines that the line must quote.
    body: JSON.stringify({ client_secret: CLIENT_SECRET, note: "O'Brien" }, null, 2),
  };
}

/**
 * Splits a shell line into words the way bash would for the quoting `renderCurl` uses: bare
 * words, '...', $'...' with \\xHH and \\ escapes, and "${NAME}" read from `environment`.
 */
function parseShellWords(line: string, environment: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let position = 0;
  while (position < line.length) {
    const character = line[position] ?? '';
    if (character === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
      position += 1;
    } else if (line.startsWith("$'", position)) {
      const end = findAnsiEnd(line, position + 2);
      word = (word ?? '') + unescapeAnsi(line.slice(position + 2, end));
      position = end + 1;
    } else if (character === "'") {
      const end = line.indexOf("'", position + 1);
      word = (word ?? '') + line.slice(position + 1, end);
      position = end + 1;
    } else if (character === '\\') {
      word = (word ?? '') + (line[position + 1] ?? '');
      position += 2;
    } else if (character === '"') {
      const end = line.indexOf('"', position + 1);
      const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(line.slice(position + 1, end))?.[1];
      if (name === undefined) throw new Error(`unexpected double-quoted text at ${position}`);
      word = (word ?? '') + (environment[name] ?? '');
      position = end + 1;
    } else {
      word = (word ?? '') + character;
      position += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function findAnsiEnd(line: string, start: number): number {
  let position = start;
  while (line[position] !== "'") position += line[position] === '\\' ? 2 : 1;
  return position;
}

function unescapeAnsi(text: string): string {
  return text.replace(
    /\\x([0-9a-f]{2})|\\(.)/g,
    (_match, hex: string | undefined, literal: string) =>
      hex === undefined ? literal : String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

const ENVIRONMENT = {
  PARTLY_REPAIRER_API_KEY: REPAIRER_KEY,
  PARTLY_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
};

describe('renderCurl', () => {
  let server: HostileServer;

  beforeAll(async () => {
    server = await startHostileServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('renders one line with environment references for secrets', () => {
    const redactor = createRedactor(credentialSecrets(DEMO_CREDENTIALS));
    const line = renderCurl(demoRequest('http://127.0.0.1:1'), redactor);

    expect(line).not.toContain('\n');
    expect(line).not.toContain(REPAIRER_KEY);
    expect(line).not.toContain(CLIENT_SECRET);
    expect(line).toContain('-X POST http://127.0.0.1:1/api/2026-01/integrations.insert');
    expect(line).toContain(`-H 'authorization: Bearer '"\${PARTLY_REPAIRER_API_KEY}"`);
    expect(line).toContain("-H 'content-type: application/json'");
    expect(line).toContain(`"\${PARTLY_OAUTH_CLIENT_SECRET}"`);
    expect(line).toContain("--data-raw $'{");
  });

  it('parses back to the original request', () => {
    const redactor = createRedactor(credentialSecrets(DEMO_CREDENTIALS));
    const request = demoRequest('http://127.0.0.1:1');
    const words = parseShellWords(renderCurl(request, redactor), ENVIRONMENT);

    expect(words).toEqual([
      'curl',
      '-sS',
      '-g',
      '-X',
      'POST',
      request.url,
      '-H',
      `authorization: Bearer ${REPAIRER_KEY}`,
      '-H',
      'content-type: application/json',
      '-H',
      "x-note: it's here",
      '--data-raw',
      request.body,
    ]);
  });

  it('masks an unregistered bearer token', () => {
    const request = {
      ...demoRequest('http://127.0.0.1:1'),
      headers: { authorization: 'Bearer unknown-token-123' },
    };
    const line = renderCurl(request, createRedactor());

    expect(line).toContain("-H 'authorization: Bearer <redacted>'");
    expect(line).not.toContain('unknown-token-123');
  });

  it('clears the content type curl would add to a raw body', () => {
    const request: ExchangeRequest = {
      ...demoRequest('http://127.0.0.1:1'),
      headers: {},
      body: '{"a":',
    };
    const words = parseShellWords(renderCurl(request, createRedactor()), {});

    expect(words.slice(-4)).toEqual(['-H', 'Content-Type:', '--data-raw', '{"a":']);
  });

  it.skipIf(!CURL_FOUND)('runs with curl against a loopback server', async () => {
    const redactor = createRedactor(credentialSecrets(DEMO_CREDENTIALS));
    const request = demoRequest(server.url);
    const line = renderCurl(request, redactor);
    const environment: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...ENVIRONMENT,
      NO_PROXY: '*',
    };

    const output = await new Promise<string>((resolve, reject) => {
      execFile('bash', ['-c', line], { env: environment, timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    const echoed = JSON.parse(output) as {
      verb: string;
      headers: Record<string, string>;
      body: string;
    };

    expect(echoed.verb).toBe('POST');
    expect(echoed.headers.authorization).toBe(`Bearer ${REPAIRER_KEY}`);
    expect(echoed.headers['x-note']).toBe("it's here");
    expect(echoed.body).toBe(request.body);
  });
});

describe('quote', () => {
  it('leaves a safe word bare', () => {
    expect(quote('https://host/api/2026-01/repairer.jobs.get')).toBe(
      'https://host/api/2026-01/repairer.jobs.get',
    );
  });

  it('single-quotes a word with spaces and quotes', () => {
    expect(quote("it's a test")).toBe("'it'\\''s a test'");
  });

  it('uses ANSI-C quoting for control characters', () => {
    expect(quote('a\nb\tc\\d')).toBe("$'a\\x0ab\\x09c\\\\d'");
  });
});
