import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDriftCommand } from '../../../src/commands/drift.js';
import type { DriftReport } from '../../../src/drift/drift-report.js';
import { HarnessError } from '../../../src/errors.js';
import { PINNED_FIXTURE, pathsOf, propertiesOf, readPinned } from './spec-copies.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../bin/partly-conformance.js', import.meta.url));
const SPEC = fileURLToPath(PINNED_FIXTURE);

/** Body of `/partly/openapi.json` on the loopback server; when undefined, the server returns 404. */
let liveBody: string | undefined;
let server: Server;
let base: string;
let reports: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/partly/openapi.json' && liveBody !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(liveBody);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  reports = await mkdtemp(join(tmpdir(), 'drift-command-'));
  liveBody = undefined;
});

afterEach(async () => {
  await rm(reports, { recursive: true, force: true });
});

function serve(document: OpenAPIV3_1.Document): void {
  liveBody = JSON.stringify(document);
}

function withBreakingChange(): OpenAPIV3_1.Document {
  const live = readPinned();
  delete pathsOf(live)['/api/2026-01/tier1.prepare'];
  return live;
}

function withAdditiveChange(): OpenAPIV3_1.Document {
  const live = readPinned();
  propertiesOf(live, 'JobV1').status = { type: 'string' };
  return live;
}

async function check(options: Record<string, string> = {}): Promise<{
  code: number;
  lines: string[];
}> {
  const lines: string[] = [];
  const code = await runDriftCommand(
    { target: `${base}/partly`, spec: SPEC, reports, ...options },
    (line) => lines.push(line),
  );
  return { code, lines };
}

async function readReport(): Promise<DriftReport> {
  return JSON.parse(await readFile(join(reports, 'drift.json'), 'utf8')) as DriftReport;
}

async function readText(name: string): Promise<string> {
  return readFile(join(reports, name), 'utf8');
}

describe('drift command', () => {
  it('exits 0 and writes every report when nothing changed', async () => {
    serve(readPinned());
    const { code, lines } = await check();
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('0 breaking, 0 additive, across 14 methods');

    const report = await readReport();
    expect(report.differences).toEqual([]);
    expect(report.live.source).toBe(`${base}/partly/openapi.json`);
    const junit = await readText('drift-junit.xml');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit.match(/name="matches the pinned spec"/g)).toHaveLength(14);
    expect(junit.includes('<failure')).toBe(false);
    expect(await readText('drift.html')).toContain('no difference');
    expect(await readdir(join(reports, 'history'))).toHaveLength(1);
  });

  it('exits 1 on a breaking difference', async () => {
    serve(withBreakingChange());
    const { code, lines } = await check();
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('tier1.prepare  method tier1.prepare removed');

    const report = await readReport();
    expect(report.summary.breaking).toBe(1);
    const junit = await readText('drift-junit.xml');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain(
      '<failure message="method tier1.prepare removed" type="method-removed"',
    );
  });

  it('exits 0 on additive differences only', async () => {
    serve(withAdditiveChange());
    const { code } = await check();
    expect(code).toBe(0);

    const report = await readReport();
    expect(report.summary).toEqual({ breaking: 0, additive: 2, methodsWithObservations: 0 });
    const junit = await readText('drift-junit.xml');
    expect(junit.includes('<failure')).toBe(false);
    expect(junit).toContain('additive: optional response field status added');
  });

  it('raises a harness error for a live spec that is not found', async () => {
    const failure = check();
    await expect(failure).rejects.toBeInstanceOf(HarnessError);
    await expect(failure).rejects.toMatchObject({ code: 'HARNESS_SPEC_UNREADABLE' });
    await expect(failure).rejects.toThrow(`${base}/partly/openapi.json: HTTP status 404`);
  });

  it('raises a harness error for a live spec that is not JSON', async () => {
    liveBody = '<html>maintenance</html>';
    await expect(check()).rejects.toMatchObject({ code: 'HARNESS_SPEC_INVALID' });
  });

  it('keeps credentials of the target out of every output', async () => {
    serve(withBreakingChange());
    const target = `http://user:hunter22@${base.slice('http://'.length)}/partly?api_key=partly_topsecret`;
    const { code, lines } = await check({ target });
    expect(code).toBe(1);

    const outputs = [lines.join('\n')];
    for (const name of ['drift.json', 'drift-junit.xml', 'drift.html']) {
      outputs.push(await readText(name));
    }
    const [history] = await readdir(join(reports, 'history'));
    outputs.push(await readText(join('history', history ?? '')));
    for (const output of outputs) {
      expect(output.includes('hunter22')).toBe(false);
      expect(output.includes('partly_topsecret')).toBe(false);
    }
  });

  it('takes wire observations and findings from a results file', async () => {
    serve(readPinned());
    const results = join(reports, 'results.json');
    const observation = {
      method: 'repairer.jobs.get',
      undocumentedFields: ['/status'],
      undocumentedStatuses: [418],
      undocumentedVariants: ['teapot'],
      strayExtensionMarker: false,
    };
    const method = {
      method: 'repairer.jobs.get',
      extension: false,
      exchanges: 4,
      checks: [{ check: 'status-code', verdict: 'fail', exchanges: 4, failures: 2, warnings: 0 }],
    };
    await writeFile(
      results,
      JSON.stringify({
        target: `${base}/partly`,
        startedAt: '2026-11-30T01:00:00.000Z',
        methods: [method],
        observations: [observation],
      }),
    );

    const { code, lines } = await check();
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('repairer.jobs.get: 1 undocumented field');
    expect((await readReport()).observations).toEqual([observation]);
    expect(await readText('drift-junit.xml')).toContain('undocumented statuses: 418');

    const [historyFile] = await readdir(join(reports, 'history'));
    const record = JSON.parse(await readText(join('history', historyFile ?? '')));
    expect(record.resultsTime).toBe('2026-11-30T01:00:00.000Z');
    expect(record.findings).toEqual({ 'repairer.jobs.get': { failures: 2, warnings: 0 } });
    expect(record.wire['repairer.jobs.get']).toEqual({
      fields: 1,
      statuses: 1,
      variants: 1,
      strayExtensionMarker: false,
    });
  });

  it('raises a harness error for a missing results file', async () => {
    serve(readPinned());
    await expect(check({ results: join(reports, 'nothing.json') })).rejects.toMatchObject({
      code: 'HARNESS_RESULTS_INVALID',
    });
  });

  it('rejects a target together with a live spec', async () => {
    await expect(check({ liveSpec: SPEC })).rejects.toMatchObject({
      code: 'HARNESS_CONFIG_INVALID',
    });
  });

  it('reads a live spec from a file', async () => {
    const live = join(reports, 'live.openapi.json');
    await writeFile(live, JSON.stringify(withAdditiveChange()));
    const lines: string[] = [];
    const code = await runDriftCommand({ liveSpec: live, spec: SPEC, reports }, (line) =>
      lines.push(line),
    );
    expect(code).toBe(0);
    expect((await readReport()).summary.additive).toBe(2);
  });
});

describe('drift command line', () => {
  async function runCli(): Promise<{ code: number; stdout: string; stderr: string }> {
    const args = [CLI, 'drift', '--target', `${base}/partly`, '--spec', SPEC, '--reports', reports];
    try {
      const { stdout, stderr } = await run(process.execPath, args, { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout: string; stderr: string };
      return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('exits 0 when the live spec matches', async () => {
    serve(readPinned());
    const { code, stdout } = await runCli();
    expect(code).toBe(0);
    expect(stdout).toContain('0 breaking');
  });

  it('exits 1 on a breaking difference', async () => {
    serve(withBreakingChange());
    const { code, stdout } = await runCli();
    expect(code).toBe(1);
    expect(stdout).toContain('1 breaking');
  });

  it('exits 2 with one line when the live spec cannot be loaded', async () => {
    const { code, stderr } = await runCli();
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${base}/partly/openapi.json`);
    expect(lines[0]).toContain('HTTP status 404');
  });
});
