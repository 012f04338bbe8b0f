import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/http/redact.js';
import { createJunitReporter, JUNIT_FILE, renderJunitXml } from '../../../src/reporters/junit.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import {
  MINTED_KEY,
  PLANTED_SECRETS,
  REGISTERED_SECRETS,
  SECRETS_RUN,
} from '../../fixtures/reporters/secrets.js';
import { endRun, makeTempDir } from './support.js';

type Attributes = Record<string, string | undefined>;
interface FailureNode {
  message?: string;
  type?: string;
  '#text'?: string;
}
interface TestCaseNode {
  classname?: string;
  name?: string;
  time?: string;
  failure?: FailureNode;
  skipped?: Attributes | '';
  'system-out'?: string;
}
interface TestSuiteNode {
  name?: string;
  tests?: string;
  failures?: string;
  errors?: string;
  skipped?: string;
  time?: string;
  timestamp?: string;
  testcase?: TestCaseNode[];
  properties?: { property: Attributes[] };
}
interface Document {
  testsuites: Attributes & { testsuite?: TestSuiteNode[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

function parse(xml: string): Document {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Document;
}

function suites(document: Document): TestSuiteNode[] {
  return document.testsuites.testsuite ?? [];
}

function findCase(document: Document, suiteName: string, caseName: string): TestCaseNode {
  const suite = suites(document).find((candidate) => candidate.name === suiteName);
  const testCase = suite?.testcase?.find((candidate) => candidate.name === caseName);
  if (testCase === undefined) {
    throw new Error(`no testcase ${suiteName} / ${caseName}`);
  }
  return testCase;
}

function count(value: string | undefined): number {
  return Number(value);
}

describe('junit reporter', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('writes the structure Jenkins and GitLab read', async () => {
    await endRun(createJunitReporter(), MIXED_RUN, temp.dir);
    const document = parse(await readFile(join(temp.dir, JUNIT_FILE), 'utf8'));
    expect(document.testsuites).toBeDefined();
    expect(suites(document)).toHaveLength(MIXED_RUN.methods.length + 1);
    for (const suite of suites(document)) {
      for (const attribute of [
        'name',
        'tests',
        'failures',
        'errors',
        'skipped',
        'time',
        'timestamp',
      ]) {
        expect(
          (suite as Record<string, unknown>)[attribute],
          `${suite.name} ${attribute}`,
        ).toBeDefined();
      }
      expect(suite.timestamp).toBe(MIXED_RUN.startedAt);
      for (const testCase of suite.testcase ?? []) {
        expect(testCase.classname).toMatch(/^partly\./);
        expect(testCase.name).toBeTruthy();
        expect(testCase.time).toBeDefined();
      }
    }
  });

  it('gives a suite per method and a case per check', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    for (const method of MIXED_RUN.methods) {
      const suite = suites(document).find((candidate) => candidate.name === method.method);
      expect(suite?.testcase?.map((testCase) => testCase.name)).toEqual(
        method.checks.map((cell) => cell.check),
      );
      for (const testCase of suite?.testcase ?? []) {
        expect(testCase.classname).toBe(`partly.${method.method}`);
      }
    }
    const sequences = suites(document).find((candidate) => candidate.name === 'sequences');
    expect(sequences?.testcase?.map((testCase) => testCase.name)).toEqual([
      'buyer-loop',
      'role-matrix',
      'tenant-isolation',
    ]);
  });

  it('adds up the counts', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of suites(document)) {
      const cases = suite.testcase ?? [];
      expect(count(suite.tests)).toBe(cases.length);
      expect(count(suite.failures)).toBe(
        cases.filter((testCase) => testCase.failure !== undefined).length,
      );
      expect(count(suite.skipped)).toBe(
        cases.filter((testCase) => testCase.skipped !== undefined).length,
      );
      expect(count(suite.errors)).toBe(0);
      tests += count(suite.tests);
      failures += count(suite.failures);
      skipped += count(suite.skipped);
    }
    expect(count(document.testsuites.tests)).toBe(tests);
    expect(count(document.testsuites.failures)).toBe(failures);
    expect(count(document.testsuites.skipped)).toBe(skipped);
    expect(tests).toBe(153 + 3);
    expect(failures).toBe(MIXED_RUN.summary.verdicts.fail);
    expect(skipped).toBe(MIXED_RUN.summary.verdicts['not-proven']);
  });

  it('reports a failing check with message, type and curl lines', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const testCase = findCase(document, 'repairer.jobs.parts.insert', 'error-bare-string');
    expect(testCase.failure?.message).toBe(
      '3 failures; first: error body is an object, the method sends bare strings',
    );
    expect(testCase.failure?.type).toBe('error-bare-string');
    const body = testCase.failure?.['#text'] ?? '';
    expect(body.match(/\[failure\]/g)).toHaveLength(3);
    expect(body).toContain(
      'curl -sS -g -X POST http://127.0.0.1:4010/api/2026-01/repairer.jobs.parts.insert ',
    );
    expect(body).toContain('actual: {"type":"not_found"}');
  });

  it('skips a not-proven check with its reason', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const testCase = findCase(document, 'repairer.procurements.invoices.get', 'positive-accepted');
    expect(testCase.failure).toBeUndefined();
    expect(testCase.skipped).toEqual({
      message: 'not proven: every valid request was answered not_found',
    });
    const sequence = findCase(document, 'sequences', 'tenant-isolation');
    expect(sequence.skipped).toEqual({
      message: 'not proven: no write succeeded, so there was nothing to look for in another tenant',
    });
  });

  it('never reports a not-proven check as a pass', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    for (const method of MIXED_RUN.methods) {
      for (const cell of method.checks.filter((candidate) => candidate.verdict === 'not-proven')) {
        expect(findCase(document, method.method, cell.check).skipped).toBeDefined();
      }
    }
  });

  it('puts warnings in system-out of a passing check', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const testCase = findCase(document, 'uploads.prepare', 'negative-rejected');
    expect(testCase.failure).toBeUndefined();
    expect(testCase.skipped).toBeUndefined();
    expect(testCase['system-out']).toContain(
      '[warning] variant bad_request is outside the method union',
    );
  });

  it('reports a failing sequence with its steps', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const testCase = findCase(document, 'sequences', 'role-matrix');
    expect(testCase.classname).toBe('partly.sequences');
    expect(testCase.failure?.type).toBe('auth');
    expect(testCase.failure?.['#text']).toContain('1. repairer.jobs.get as supplier: status 200');
  });

  it('holds no ANSI escape bytes', () => {
    const xml = renderJunitXml(MIXED_RUN);
    expect(xml).toContain('500 with body');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('[31m');
  });

  it('keeps markup from response bodies as text', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const testCase = findCase(document, 'repairer.jobs.insert', 'not-server-error');
    expect(Object.keys(testCase.failure ?? {}).sort()).toEqual(['#text', 'message', 'type']);
    expect(testCase.failure?.['#text']).toContain('<script>document.title="pwned"</script>');
  });

  it('carries the seed and target as properties', () => {
    const document = parse(renderJunitXml(MIXED_RUN));
    const properties = suites(document)[0]?.properties?.property ?? [];
    expect(properties).toContainEqual({ name: 'seed', value: '424242' });
    expect(properties).toContainEqual({ name: 'target', value: 'http://127.0.0.1:4010' });
  });

  it('has no failures or skips for a clean run', () => {
    const document = parse(renderJunitXml(CLEAN_RUN));
    expect(count(document.testsuites.failures)).toBe(0);
    expect(count(document.testsuites.skipped)).toBe(0);
    expect(count(document.testsuites.tests)).toBe(156);
  });

  it('writes none of the planted secrets', async () => {
    const redactor = createRedactor(REGISTERED_SECRETS);
    redactor.add(MINTED_KEY, 'PARTLY_MINTED_API_KEY');
    await endRun(
      createJunitReporter({ redact: (text) => redactor.redactText(text) }),
      SECRETS_RUN,
      temp.dir,
    );
    const xml = await readFile(join(temp.dir, JUNIT_FILE), 'utf8');
    parse(xml);
    for (const secret of PLANTED_SECRETS) {
      expect(xml).not.toContain(secret);
    }
    expect(xml).toContain('$PARTLY_REPAIRER_API_KEY');
  });
});
