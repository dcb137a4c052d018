// Accessibility: axe-core (the WCAG 2.0 / 2.1 A and AA rules) on every tab, in English and 中文, with each tab's
// main job done first so its results and charts are on screen: the Data tab with the sample loaded, Scoring with
// one customer explained, Compare after a comparison, the Model lab's three sections after their runs, the
// Simulator after a simulation. No serious or critical violation may remain. Every chart drawing is an image
// with a name (role="img", an aria-label and a <title>), so a screen reader announces what it shows.
//
// TIERLAB_A11Y_REPORT=FILE writes every violation found (any impact) as JSON, for reviewing the moderate ones.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { after, before, test } from 'node:test';

import {
  byTestId,
  launchBrowser,
  openPage,
  runComparison,
  siteUnderTest,
  STEP_TIMEOUT_MS,
  switchLanguage,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
/** Jobs (CLV fit, model training, k-means, simulation) on a loaded 2-core machine. */
const JOB_TIMEOUT_MS = 180_000;

let browser;
let site;
const report = [];

before(async () => {
  site = await siteUnderTest();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  const file = process.env.TIERLAB_A11Y_REPORT;
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  }
});

/** Runs axe on the whole page as it is now; returns its violations, shortened for messages and the report. */
async function scan(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return violations.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
}

/**
 * Scans the page and records what was found under `where`; returns the serious and critical violations, described
 * for the failure message (the tour goes on, so one run reports every tab).
 */
async function blockingViolations(page, where) {
  const violations = await scan(page);
  report.push({ where, violations });
  return violations
    .filter((v) => BLOCKING.has(v.impact))
    .map(
      (v) =>
        `${where}: ${v.impact} ${v.rule} (${v.help}) on ${v.nodes.length} element(s):\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`)
          .join('\n'),
    );
}

/** Every chart drawing on screen is announced as an image with a name and carries a <title>; returns what is not. */
async function unnamedCharts(page, where) {
  const charts = await page.locator('svg.chart__svg').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      id: svg.getAttribute('data-testid') ?? svg.closest('[data-testid]')?.getAttribute('data-testid') ?? '?',
      role: svg.getAttribute('role'),
      label: (svg.getAttribute('aria-label') ?? '').trim(),
      title: (svg.querySelector(':scope > title')?.textContent ?? '').trim(),
    })),
  );
  const problems = charts
    .filter((c) => c.role !== 'img' || c.label === '' || c.title === '')
    .map((c) => `${where}: chart ${c.id} has role="${c.role}", aria-label "${c.label}", <title> "${c.title}"`);
  return { count: charts.length, problems };
}

/** Every violation found on the tour, and how many chart drawings it checked. */
const found = { blocking: [], charts: 0 };

async function checkTab(page, where) {
  found.blocking.push(...(await blockingViolations(page, where)));
  const charts = await unnamedCharts(page, where);
  found.blocking.push(...charts.problems);
  found.charts += charts.count;
}

/** Clicks a lab section's run button and waits until its results are shown and the button is back. */
async function runLabSection(page, section, run, results) {
  await byTestId(page, section).click();
  await byTestId(page, run).click();
  await byTestId(page, results).first().waitFor({ timeout: JOB_TIMEOUT_MS });
  await byTestId(page, run).first().waitFor({ timeout: JOB_TIMEOUT_MS });
}

async function tourAllTabs(page, language) {
  await byTestId(page, 'tab-data').click();
  await checkTab(page, `Data (${language})`);

  await byTestId(page, 'tab-scoring').click();
  await byTestId(page, 'example-id').first().click();
  await byTestId(page, 'customer-lookup-button').click();
  await byTestId(page, 'contributions').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await byTestId(page, 'live-tier-count-0').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await checkTab(page, `Scoring (${language})`);

  await byTestId(page, 'tab-compare').click();
  await runComparison(page);
  await checkTab(page, `Compare (${language})`);

  await byTestId(page, 'tab-lab').click();
  await runLabSection(page, 'lab-section-clv', 'clv-fit', 'clv-tracking');
  await checkTab(page, `Model lab, customer value (${language})`);
  await runLabSection(page, 'lab-section-predict', 'predict-train', 'model-lift');
  await checkTab(page, `Model lab, prediction (${language})`);
  await runLabSection(page, 'lab-section-segments', 'segments-run', 'segment-results');
  await checkTab(page, `Model lab, segments (${language})`);

  await byTestId(page, 'tab-simulator').click();
  await byTestId(page, 'sim-run-button').click();
  await byTestId(page, 'sim-results').waitFor({ timeout: JOB_TIMEOUT_MS });
  await byTestId(page, 'sim-running').waitFor({ state: 'detached', timeout: JOB_TIMEOUT_MS });
  await checkTab(page, `Simulator (${language})`);
}

for (const language of ['en', 'zh']) {
  const name = language === 'en' ? 'English' : '简体中文';
  test(`every tab in ${name} passes axe with no serious or critical violation`, { timeout: 900_000 }, async () => {
    const session = await openPage(browser, site.url);
    const { page } = session;
    await withDiagnostics(`a11y-${language}`, session, async () => {
      await waitForDataReady(page);
      if (language === 'zh') {
        await switchLanguage(page, 'zh');
        await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
      }
      found.blocking = [];
      found.charts = 0;
      await tourAllTabs(page, language);
      assert.deepEqual(found.blocking, [], `serious or critical accessibility violations, or charts without a name:\n${found.blocking.join('\n')}`);
      // The tour saw the charts it was meant to: scoring, comparison, lab and simulator drawings.
      assert.ok(found.charts >= 15, `${found.charts} chart drawings checked`);
    });
    await session.context.close();
  });
}
