import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/reporters/html.js';
import { MIXED_RUN } from '../fixtures/reporters/runs.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = fileURLToPath(new URL('../../reports/report-screenshot.png', import.meta.url));

async function assertChromiumInstalled(): Promise<void> {
  try {
    await access(CHROMIUM, constants.X_OK);
  } catch {
    // A missing browser fails the test: the report must be proven in a real browser, not skipped.
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; run: apt-get update && apt-get install -y --no-install-recommends chromium`,
    );
  }
}

function visibleRows(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="grid-row"]:visible')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-method') ?? ''));
}

function shownCellVerdicts(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="grid-row"]:visible td[data-check]:not(.is-filtered)')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-verdict') ?? ''));
}

describe('html report in chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let folder: string;
  const blocked: string[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    await assertChromiumInstalled();
    folder = await mkdtemp(join(tmpdir(), 'partly-report-'));
    const file = join(folder, 'report.html');
    await writeFile(file, renderHtmlReport(MIXED_RUN), 'utf8');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) {
        await route.continue();
      } else {
        blocked.push(url);
        await route.abort('blockedbyclient');
      }
    });
    page = await context.newPage();
    page.on('request', (request) => {
      requested.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text());
      }
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('shows a grid row for every method', async () => {
    const rows = await visibleRows(page);
    expect(rows).toHaveLength(17);
    expect(rows).toEqual(MIXED_RUN.methods.map((method) => method.method));
    await expect(page.locator('[data-testid="grid-count"]').textContent()).resolves.toBe(
      '17 of 17 methods shown',
    );
    const notApplied = page.locator(
      '[data-method="integrations.insert"] td[data-check="auth"] .cell',
    );
    await expect(notApplied.textContent()).resolves.toBe('n/a');
    await expect(notApplied.isVisible()).resolves.toBe(true);
  });

  it('shows the summary and the not-proven banner', async () => {
    await expect(page.locator('[data-testid="summary-seed"]').textContent()).resolves.toBe(
      '424242',
    );
    await expect(page.locator('[data-testid="not-proven-banner"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="run-verdict"]').textContent()).resolves.toBe('FAIL');
  });

  it('filters by method', async () => {
    await page.selectOption('[data-testid="filter-method"]', 'repairer.jobs.insert');
    expect(await visibleRows(page)).toEqual(['repairer.jobs.insert']);
    const groups = page.locator('[data-testid="finding-group"]:visible');
    await expect(groups.count()).resolves.toBe(1);
    await expect(groups.first().getAttribute('data-method')).resolves.toBe('repairer.jobs.insert');
    await expect(page.locator('[data-testid="grid-count"]').textContent()).resolves.toBe(
      '1 of 17 methods shown',
    );
    await page.click('[data-testid="filter-reset"]');
    expect(await visibleRows(page)).toHaveLength(17);
  });

  it('filters by verdict', async () => {
    await page.selectOption('[data-testid="filter-verdict"]', 'fail');
    expect(await visibleRows(page)).toEqual([
      'repairer.jobs.baskets.latest.get',
      'repairer.jobs.insert',
      'repairer.jobs.parts.insert',
      'supplier.procurements.confirm',
    ]);
    const verdicts = await shownCellVerdicts(page);
    expect(verdicts).toHaveLength(4);
    expect(new Set(verdicts)).toEqual(new Set(['fail']));
    const hiddenPass = page.locator(
      '[data-testid="grid-row"]:visible td.is-filtered[data-verdict="pass"]',
    );
    await expect(hiddenPass.first().locator('.cell').isVisible()).resolves.toBe(false);

    await page.selectOption('[data-testid="filter-verdict"]', 'not-proven');
    expect(await visibleRows(page)).toEqual([
      'integrations.insert',
      'repairer.procurements.invoices.get',
      'tier1.prepare',
    ]);
    await expect(page.locator('[data-testid="not-proven-row"]:visible').count()).resolves.toBe(4);
    await expect(page.locator('[data-testid="finding-group"]:visible').count()).resolves.toBe(0);
    await page.click('[data-testid="filter-reset"]');
  });

  it('filters by check', async () => {
    await page.selectOption('[data-testid="filter-check"]', 'no-offer-currency');
    expect(await visibleRows(page)).toEqual(['repairer.jobs.baskets.latest.get']);
    const headings = await page
      .locator('table.grid thead th[data-column]:visible')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')));
    expect(headings).toEqual(['no-offer-currency']);
    await page.click('[data-testid="filter-reset"]');
  });

  it('expands a finding to its curl line', async () => {
    const group = page.locator(
      '[data-testid="finding-group"][data-method="repairer.jobs.baskets.latest.get"]',
    );
    const finding = group.locator('[data-testid="finding"]').first();
    const curl = finding.locator('[data-testid="finding-curl"]');
    await expect(curl.isVisible()).resolves.toBe(false);
    await finding.locator('summary').click();
    await expect(curl.isVisible()).resolves.toBe(true);
    await expect(curl.textContent()).resolves.toContain(
      'curl -sS -g -X POST http://127.0.0.1:4010/api/2026-01/repairer.jobs.baskets.latest.get ',
    );
    await expect(curl.textContent()).resolves.toContain(
      `-H 'authorization: Bearer '"\${PARTLY_REPAIRER_API_KEY}" -H`,
    );
    await expect(finding.locator('[data-testid="finding-facts"]').textContent()).resolves.toContain(
      '/basket/offers/0/currency',
    );
  });

  it('runs no script from a response body', async () => {
    const insert = page
      .locator(
        '[data-testid="finding-group"][data-method="repairer.jobs.insert"] [data-testid="finding"]',
      )
      .first();
    await insert.locator('summary').click();
    await expect(
      insert.locator('[data-testid="finding-response"]').textContent(),
    ).resolves.toContain('<script>document.title="pwned"</script>');
    await expect(page.title()).resolves.not.toContain('pwned');
    expect(dialogs).toEqual([]);
    await expect(page.locator('main img').count()).resolves.toBe(0);
  });

  it('runs its own script without policy errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('saves a screenshot', async () => {
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.click('[data-testid="filter-reset"]');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await expect(access(SCREENSHOT)).resolves.toBeUndefined();
  });

  it('attempts no request that is not a file', () => {
    expect(blocked).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) {
      expect(url).toMatch(/^file:/);
    }
  });
});
