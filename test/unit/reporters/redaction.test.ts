import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/http/redact.js';
import { createReporters } from '../../../src/reporters/index.js';
import { redactRunResult, scrubSecretShapes } from '../../../src/reporters/redaction.js';
import {
  ACCESS_CODE,
  CLIENT_SECRET,
  MINTED_KEY,
  PLANTED_SECRETS,
  REGISTERED_SECRETS,
  REPAIRER_KEY,
  SECRETS_RUN,
} from '../../fixtures/reporters/secrets.js';
import { captureStream, endRun, makeTempDir } from './support.js';

const ALL_REPORTERS = ['console', 'json', 'junit', 'html', 'github', 'certificate'] as const;

/** Runs every reporter over SECRETS_RUN and returns each output by name. */
async function renderAll(
  dir: string,
  redact?: (text: string) => string,
): Promise<Map<string, string>> {
  const stream = captureStream(true);
  const summaryFile = join(dir, 'step-summary.md');
  const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, FORCE_COLOR: '1' };
  const reporters = createReporters(ALL_REPORTERS, {
    stream,
    env,
    ...(redact === undefined ? {} : { redact }),
  });
  const reportsDir = join(dir, 'reports');
  for (const reporter of reporters) {
    reporter.onRunStart?.({
      target: SECRETS_RUN.target,
      seed: 1,
      profile: 'gate',
      methods: 17,
      plannedCases: 10,
    });
    await endRun(reporter, SECRETS_RUN, reportsDir);
  }
  const outputs = new Map<string, string>([['stream', stream.text()]]);
  outputs.set('step-summary.md', await readFile(summaryFile, 'utf8'));
  for (const file of await readdir(reportsDir)) {
    outputs.set(file, await readFile(join(reportsDir, file), 'utf8'));
  }
  return outputs;
}

describe('redaction in reporters', () => {
  it('leaves a run without secrets unchanged', async () => {
    const { MIXED_RUN } = await import('../../fixtures/reporters/runs.js');
    const redactor = createRedactor(REGISTERED_SECRETS);
    const stream = captureStream();
    const reporters = createReporters(['console', 'json', 'junit', 'html'], {
      stream,
      env: {},
      redact: (text) => redactor.redactText(text),
    });
    for (const reporter of reporters) {
      await endRun(reporter, MIXED_RUN, temp.dir);
    }
    const json = await readFile(join(temp.dir, 'results.json'), 'utf8');
    expect(JSON.parse(json)).toEqual(MIXED_RUN);
    const reference = `'authorization: Bearer '"\${PARTLY_REPAIRER_API_KEY}"`;
    expect(stream.text()).toContain(reference);
    expect(await readFile(join(temp.dir, 'junit.xml'), 'utf8')).toContain(reference);
    const html = await readFile(join(temp.dir, 'report.html'), 'utf8');
    expect(html).toContain(`Bearer &#39;&quot;\${PARTLY_REPAIRER_API_KEY}&quot;`);
    expect(html).not.toContain('redacted');
  });

  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('writes none of the planted secrets anywhere', async () => {
    const redactor = createRedactor(REGISTERED_SECRETS);
    redactor.add(MINTED_KEY, 'PARTLY_MINTED_API_KEY');
    const outputs = await renderAll(temp.dir, (text) => redactor.redactText(text));
    expect([...outputs.keys()].sort()).toEqual([
      'certificate.json',
      'junit.xml',
      'report.html',
      'results.json',
      'step-summary.md',
      'stream',
    ]);
    for (const [name, text] of outputs) {
      for (const secret of PLANTED_SECRETS) {
        expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
      }
    }
    expect(outputs.get('report.html')).toContain('$PARTLY_OAUTH_CLIENT_SECRET');
  });

  it('masks secret shapes when no redactor is given', async () => {
    const outputs = await renderAll(temp.dir);
    for (const [name, text] of outputs) {
      expect(text.includes(`Bearer ${REPAIRER_KEY}`), `bearer key in ${name}`).toBe(false);
      expect(text.includes(`"client_secret":"${CLIENT_SECRET}"`), `client secret in ${name}`).toBe(
        false,
      );
      expect(
        text.includes(`\\"access_code\\":\\"${ACCESS_CODE}\\"`),
        `access code in ${name}`,
      ).toBe(false);
      expect(text.includes(`"api_key":"${MINTED_KEY}"`), `minted key in ${name}`).toBe(false);
      expect(text.includes(`api_key=${MINTED_KEY}`), `minted key in a query in ${name}`).toBe(
        false,
      );
    }
  });
});

describe('secret shape scrub', () => {
  it('keeps the references of engine curl lines', () => {
    const curl = `-H 'authorization: Bearer '"\${PARTLY_REPAIRER_API_KEY}" --data-raw '{"client_secret":"\${PARTLY_OAUTH_CLIENT_SECRET}"}'`;
    expect(scrubSecretShapes(curl)).toBe(curl);
    const escaped = `Bearer &#39;&quot;\${PARTLY_REPAIRER_API_KEY}&quot;`;
    expect(scrubSecretShapes(escaped)).toBe(escaped);
  });

  it('masks bearer tokens but keeps references and prose', () => {
    expect(scrubSecretShapes(`-H 'Authorization: Bearer ${REPAIRER_KEY}'`)).toBe(
      "-H 'Authorization: Bearer [redacted]'",
    );
    expect(scrubSecretShapes('-H "Authorization: Bearer $PARTLY_REPAIRER_API_KEY"')).toBe(
      '-H "Authorization: Bearer $PARTLY_REPAIRER_API_KEY"',
    );
    expect(scrubSecretShapes('expected Bearer authentication')).toBe(
      'expected Bearer authentication',
    );
  });

  it('masks secret members in raw and escaped JSON', () => {
    expect(scrubSecretShapes(`{"api_key":"${MINTED_KEY}","id":"x"}`)).toBe(
      '{"api_key":"[redacted]","id":"x"}',
    );
    expect(scrubSecretShapes(`{\\"client_secret\\": \\"${CLIENT_SECRET}\\"}`)).toBe(
      '{\\"client_secret\\": \\"[redacted]\\"}',
    );
    expect(scrubSecretShapes('{"api_key":"$PARTLY_MINTED_API_KEY"}')).toBe(
      '{"api_key":"$PARTLY_MINTED_API_KEY"}',
    );
  });

  it('masks secret query parameters', () => {
    expect(scrubSecretShapes(`http://h/?a=1&access_code=${ACCESS_CODE}&b=2`)).toBe(
      'http://h/?a=1&access_code=[redacted]&b=2',
    );
  });

  it('redacts every string of a result', () => {
    const redacted = redactRunResult(SECRETS_RUN, (text) => text.replaceAll(CLIENT_SECRET, '$X'));
    expect(JSON.stringify(redacted)).not.toContain(CLIENT_SECRET);
    expect(redacted.seed).toBe(SECRETS_RUN.seed);
    expect(redacted.methods).toHaveLength(SECRETS_RUN.methods.length);
  });
});
