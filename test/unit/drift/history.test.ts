import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDriftHtml } from '../../../src/drift/drift-html.js';
import {
  appendHistory,
  HISTORY_FORMAT,
  type HistoryRecord,
  historyPath,
  historyRecordFromRun,
  readHistory,
  redactTarget,
  targetSlug,
} from '../../../src/drift/history.js';
import { buildTrend } from '../../../src/drift/trend.js';
import type { RunResult } from '../../../src/run/results.js';

const TARGET = 'https://deploy.example.test/partly';
const METHODS = ['businesses.list', 'repairer.jobs.get', 'tier1.prepare'];

let reports: string;

beforeEach(async () => {
  reports = await mkdtemp(join(tmpdir(), 'drift-history-'));
});

afterEach(async () => {
  await rm(reports, { recursive: true, force: true });
});

function driftRecord(time: string, breaking: number, additive: number): HistoryRecord {
  return {
    format: HISTORY_FORMAT,
    time,
    kind: 'drift',
    target: TARGET,
    specHash: 'a'.repeat(64),
    drift: Object.fromEntries(
      METHODS.map((method, index) => [
        method,
        { breaking: index === 1 ? breaking : 0, additive: index === 0 ? additive : 0 },
      ]),
    ),
  };
}

function runRecord(time: string, failures: number): HistoryRecord {
  return {
    format: HISTORY_FORMAT,
    time,
    kind: 'run',
    target: TARGET,
    specHash: 'a'.repeat(64),
    findings: Object.fromEntries(METHODS.map((method) => [method, { failures, warnings: 1 }])),
    wire: Object.fromEntries(
      METHODS.map((method) => [
        method,
        { fields: 2, statuses: 0, variants: 1, strayExtensionMarker: false },
      ]),
    ),
  };
}

const NIGHTS = ['2026-11-28', '2026-11-29', '2026-11-30'];

async function recordThreeNights(): Promise<void> {
  for (const [index, night] of NIGHTS.entries()) {
    await appendHistory(reports, runRecord(`${night}T02:00:00.000Z`, index));
    await appendHistory(reports, driftRecord(`${night}T02:30:00.000Z`, index, 1));
  }
}

describe('redactTarget', () => {
  it('drops user info, query and fragment', () => {
    expect(redactTarget('https://user:secret@host.test:8443/base/?token=abc#part')).toBe(
      'https://host.test:8443/base',
    );
  });

  it('keeps a label that is not a URL', () => {
    expect(redactTarget('embedded reference target')).toBe('embedded reference target');
  });
});

describe('targetSlug', () => {
  it('gives a file-safe name per target', () => {
    const slug = targetSlug('https://host.test/base');
    expect(slug).toMatch(/^host-test-base-[0-9a-f]{8}$/);
    expect(targetSlug('https://host.test/base-')).not.toBe(slug);
  });

  it('ignores credentials in the target', () => {
    expect(targetSlug('https://user:pass@host.test/base?k=v')).toBe(
      targetSlug('https://host.test/base'),
    );
  });
});

describe('history file', () => {
  it('appends one line per record and reads them back oldest first', async () => {
    await appendHistory(reports, driftRecord('2026-11-30T02:00:00.000Z', 1, 0));
    await appendHistory(reports, runRecord('2026-11-29T02:00:00.000Z', 3));
    const text = await readFile(historyPath(reports, TARGET), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);

    const { records, skipped } = await readHistory(reports, TARGET);
    expect(skipped).toBe(0);
    expect(records.map((record) => record.kind)).toEqual(['run', 'drift']);
  });

  it('never writes the credentials of a target', async () => {
    const secretTarget = 'https://user:hunter22@deploy.example.test/partly?api_key=partly_abc';
    await appendHistory(reports, {
      ...driftRecord('2026-11-30T02:00:00.000Z', 0, 0),
      target: secretTarget,
    });
    const text = await readFile(historyPath(reports, TARGET), 'utf8');
    expect(text.includes('hunter22')).toBe(false);
    expect(text.includes('partly_abc')).toBe(false);
    expect(text).toContain(`"target":"${TARGET}"`);
  });

  it('skips and counts lines it cannot read', async () => {
    await appendHistory(reports, driftRecord('2026-11-30T02:00:00.000Z', 0, 0));
    await appendFile(historyPath(reports, TARGET), '{"format":1,"time":"2026-11-30T0\n', 'utf8');
    const { records, skipped } = await readHistory(reports, TARGET);
    expect(records).toHaveLength(1);
    expect(skipped).toBe(1);
  });

  it('reads an empty history for a new target', async () => {
    expect(await readHistory(reports, 'https://new.example.test')).toEqual({
      records: [],
      skipped: 0,
    });
  });
});

describe('buildTrend', () => {
  it('takes the last record of each kind per night', async () => {
    await recordThreeNights();
    await appendHistory(reports, driftRecord('2026-11-30T23:00:00.000Z', 9, 0));
    const { records } = await readHistory(reports, TARGET);
    const trend = buildTrend(records);

    expect(trend.nights).toEqual(NIGHTS);
    const jobs = trend.methods.find((method) => method.method === 'repairer.jobs.get');
    expect(jobs?.values.map((value) => value.breaking)).toEqual([0, 1, 9]);
    expect(jobs?.values.map((value) => value.findings)).toEqual([1, 2, 3]);
    expect(jobs?.values.map((value) => value.wire)).toEqual([3, 3, 3]);
    expect(trend.total.map((value) => value.additive)).toEqual([1, 1, 0]);
  });

  it('counts results read by a drift check on the night of the run', () => {
    const record: HistoryRecord = {
      ...driftRecord('2026-11-30T02:00:00.000Z', 0, 0),
      resultsTime: '2026-11-28T02:00:00.000Z',
      findings: { 'repairer.jobs.get': { failures: 4, warnings: 0 } },
    };
    const trend = buildTrend([record]);
    expect(trend.nights).toEqual(['2026-11-28', '2026-11-30']);
    const jobs = trend.methods.find((method) => method.method === 'repairer.jobs.get');
    expect(jobs?.values).toEqual([{ findings: 4 }, { breaking: 0, additive: 0 }]);
  });

  it('keeps only the most recent nights', () => {
    const records = Array.from({ length: 5 }, (_, index) =>
      driftRecord(`2026-11-0${index + 1}T02:00:00.000Z`, index, 0),
    );
    expect(buildTrend(records, 2).nights).toEqual(['2026-11-04', '2026-11-05']);
  });
});

describe('historyRecordFromRun', () => {
  it('counts findings and observations per method', () => {
    const result = {
      startedAt: '2026-11-30T02:00:00.000Z',
      target: 'https://user:pw@deploy.example.test/partly',
      specHash: 'b'.repeat(64),
      methods: [
        {
          method: 'repairer.jobs.get',
          extension: false,
          exchanges: 10,
          checks: [
            { check: 'response-schema', verdict: 'fail', exchanges: 10, failures: 2, warnings: 1 },
            { check: 'status-code', verdict: 'fail', exchanges: 10, failures: 1, warnings: 0 },
          ],
        },
      ],
      observations: [
        {
          method: 'repairer.jobs.get',
          undocumentedFields: ['/status'],
          undocumentedStatuses: [418],
          undocumentedVariants: [],
          strayExtensionMarker: true,
        },
      ],
    } as unknown as RunResult;
    const record = historyRecordFromRun(result);
    expect(record.kind).toBe('run');
    expect(record.target).toBe(TARGET);
    expect(record.findings).toEqual({ 'repairer.jobs.get': { failures: 3, warnings: 1 } });
    expect(record.wire).toEqual({
      'repairer.jobs.get': { fields: 1, statuses: 1, variants: 0, strayExtensionMarker: true },
    });
  });
});

describe('renderDriftHtml', () => {
  async function renderThreeNights(): Promise<string> {
    await recordThreeNights();
    const { records, skipped } = await readHistory(reports, TARGET);
    return renderDriftHtml({
      target: TARGET,
      generatedAt: '2026-11-30T02:30:00.000Z',
      pinnedSource: 'spec/partly-2026-01.openapi.json',
      liveSource: `${TARGET}/openapi.json`,
      differences: [
        {
          kind: 'breaking',
          change: 'method-removed',
          method: 'tier1.prepare',
          side: 'method',
          pointer: '/paths/~1api~12026-01~1tier1.prepare/post',
          message: 'method tier1.prepare removed <script>',
        },
      ],
      observations: [],
      trend: buildTrend(records),
      skippedLines: skipped,
    });
  }

  it('shows the three nights and a series per method', async () => {
    const html = await renderThreeNights();
    for (const night of NIGHTS) {
      expect(html).toContain(night);
    }
    for (const method of METHODS) {
      expect(html).toContain(`data-method="${method}"`);
    }
    const sections = html.split('<section class="method').slice(1);
    expect(sections).toHaveLength(METHODS.length + 1);
    for (const section of sections) {
      for (const measure of ['findings', 'breaking', 'additive', 'wire']) {
        expect(section).toContain(`data-measure="${measure}"`);
      }
    }
  });

  it('loads nothing from the network', async () => {
    const html = await renderThreeNights();
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
  });

  it('labels every measure in text, not only by colour', async () => {
    const html = await renderThreeNights();
    for (const label of [
      'findings',
      'breaking differences',
      'additive differences',
      'wire observations',
    ]) {
      expect(html).toContain(`</svg> ${label}</li>`);
    }
    expect(html).toContain('<title>2026-11-29: 1 breaking differences</title>');
  });

  it('escapes text from the specs', async () => {
    const html = await renderThreeNights();
    expect(html).toContain('method tier1.prepare removed &lt;script&gt;');
  });

  it('says so when there is no history', () => {
    const html = renderDriftHtml({
      target: TARGET,
      generatedAt: '2026-11-30T02:30:00.000Z',
      pinnedSource: 'pinned.json',
      liveSource: 'live.json',
      differences: [],
      observations: [],
      trend: buildTrend([]),
      skippedLines: 0,
    });
    expect(html).toContain('No history yet');
    expect(html).toContain('no difference');
  });
});
