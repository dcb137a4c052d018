// The Simulator tab against an independent run of the same engine: load a generated file, import scenarios A
// and B, simulate 3 months x 4 futures with a fixed seed, and require every KPI card (mean and both intervals),
// the verdict's odds and the field-test plan to equal what `tierlab simulate --json` computes for the same file,
// scenarios and seed. Then add a third scheme C, simulate the three together and require the ranking (order,
// incremental margin, chance of being best) to equal `tierlab simulate` with three files. Then share the schemes
// by link and open it in a fresh browser: all three must arrive, and the link must carry nothing but them.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  byTestId,
  dataValue,
  pageSuite,
  SCREENSHOTS,
  TEST_TIMEOUT_MS,
  tierlab,
  uploadFile,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const suite = pageSuite({ scratch: 'sim' });

const MONTHS = 3;
const REPLICATIONS = 4;
const SEED = 11;

/** Same seed, same numbers: the page's worker and the CLI run the same engine. JSON parsing may differ in the
 * last bit, hence 1e-9 relative. */
function assertSame(actual, expected, what) {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: page shows ${actual}, CLI computed ${expected} (difference ${actual - expected})`,
  );
}

async function assertSpread(scope, id, spread) {
  const element = byTestId(scope, id);
  assert.equal(await element.count(), 1, `one element with data-testid="${id}"`);
  assertSame(await dataValue(scope, id), spread.mean, `${id} mean`);
  for (const end of ['low90', 'high90', 'low95', 'high95']) {
    const raw = await element.getAttribute(`data-${end}`);
    assertSame(Number(raw), spread[end], `${id} ${end}`);
  }
}

const testKey = (kpi) => kpi.replace(/_/g, '-');

test('simulated KPIs, odds and field-test plan equal the CLI; three schemes rank as the CLI ranks them; a shared link brings them all', { timeout: TEST_TIMEOUT_MS }, async () => {
  // --- the expected numbers, from the CLI -------------------------------------------------------------------
  const csv = suite.file('customers.csv');
  await tierlab('sample', '--customers', '2000', '--seed', '3', '--out', csv);
  const scenarioA = JSON.parse(await tierlab('scenario-template'));
  const scenarioB = structuredClone(scenarioA);
  scenarioB.name = 'Richer Diamond';
  scenarioB.benefits[3].discount_percent = 12;
  scenarioB.tiers.window = { kind: 'rolling_months', months: 12 };
  const scenarioC = structuredClone(scenarioA);
  scenarioC.name = 'Deep Diamond';
  scenarioC.benefits[3].discount_percent = 15;
  scenarioC.benefits[2].discount_percent = 6;
  const aFile = suite.file('a.json');
  const bFile = suite.file('b.json');
  const cFile = suite.file('c.json');
  await writeFile(aFile, JSON.stringify(scenarioA, null, 2));
  await writeFile(bFile, JSON.stringify(scenarioB, null, 2));
  await writeFile(cFile, JSON.stringify(scenarioC, null, 2));
  const expected = JSON.parse(
    await tierlab('simulate', '--data', csv, aFile, bFile, '--months', `${MONTHS}`, '--reps', `${REPLICATIONS}`,
      '--seed', `${SEED}`, '--json'),
  );
  const sim = expected.simulation;
  assert.equal(sim.month_labels.length, MONTHS);
  const three = JSON.parse(
    await tierlab('simulate', '--data', csv, aFile, bFile, cFile, '--months', `${MONTHS}`, '--reps', `${REPLICATIONS}`,
      '--seed', `${SEED}`, '--json'),
  ).simulation;
  assert.equal(three.ranking.length, 3);
  const replayed = JSON.parse(await tierlab('compare', '--data', csv, aFile, bFile, cFile, '--json'));
  assert.equal(replayed.comparisons.length, 2);

  // --- the same run in the page ------------------------------------------------------------------------------
  const session = await suite.open();
  const { page } = session;
  let shareUrl;
  let diffSummary;
  await withDiagnostics('simulator', session, async () => {
    await waitForDataReady(page);
    await byTestId(page, 'tab-data').click();
    const uploadError = await uploadFile(page, { name: 'customers.csv', mimeType: 'text/csv', buffer: await readFile(csv) });
    assert.equal(uploadError, null, 'inspecting the generated CSV');
    await byTestId(page, 'apply-load').click();
    assert.equal(await waitForDataReady(page, { customers: sim.customers }), sim.customers);

    await byTestId(page, 'tab-simulator').click();
    await byTestId(page, 'sim-toggle-editors').click();
    for (const [side, file] of [['a', aFile], ['b', bFile]]) {
      await byTestId(byTestId(page, `scenario-${side}`), 'import-json').setInputFiles(file);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-name-b"]')?.value === 'Richer Diamond');
    diffSummary = (await byTestId(page, 'sim-diff-summary').innerText()).trim();
    assert.equal(await byTestId(page, 'sim-diff-summary').getAttribute('data-changes'), '2', diffSummary);
    assert.match(diffSummary, /Discount % 8 % → 12 %/);
    assert.match(diffSummary, /lifetime → rolling 12 months/);
    // B's editor marks the sections holding those changes (one each); A's marks none.
    const editorB = byTestId(page, 'scenario-b');
    assert.equal(await byTestId(editorB, 'section-benefits-changed').getAttribute('data-value'), '1');
    assert.equal(await byTestId(editorB, 'section-movement-changed').getAttribute('data-value'), '1');
    assert.equal(await byTestId(editorB, 'section-scoring-changed').count(), 0);
    assert.equal(await byTestId(byTestId(page, 'scenario-a'), 'section-benefits-changed').count(), 0);

    for (const [id, value] of [['sim-months', MONTHS], ['sim-replications', REPLICATIONS], ['sim-seed', SEED]]) {
      await byTestId(page, id).fill(String(value));
      await byTestId(page, id).press('Tab');
    }
    await byTestId(page, 'sim-run-button').click();
    await byTestId(page, 'sim-results').waitFor();
    await byTestId(page, 'sim-running').waitFor({ state: 'detached' });
    assert.equal(await byTestId(page, 'sim-stale').count(), 0, 'the result belongs to the inputs on screen');

    const results = byTestId(page, 'sim-results');
    const [a, b] = sim.schemes;
    assert.equal(a.totals.length, 21, 'the CLI reports every KPI');
    for (const [side, scheme] of [['a', a], ['b', b]]) {
      for (const { kpi, spread } of scheme.totals) await assertSpread(results, `sim-kpi-${side}-${testKey(kpi)}`, spread);
      const incremental = Object.fromEntries(scheme.incremental.map(({ kpi, spread }) => [kpi, spread]));
      await assertSpread(results, `sim-kpi-${side}-incremental-margin`, incremental.margin);
      await assertSpread(results, `sim-kpi-${side}-roi`, incremental.roi);
    }
    const bAgainstA = sim.comparisons.find((c) => c.scheme === 1);
    for (const { kpi, spread } of bAgainstA.difference) await assertSpread(results, `sim-kpi-diff-b-${testKey(kpi)}`, spread);
    const margin = bAgainstA.difference.find((d) => d.kpi === 'margin').spread;
    await assertSpread(results, 'sim-verdict', margin);
    assertSame(Number(await byTestId(results, 'sim-verdict').getAttribute('data-p-better')), bAgainstA.chance_better_on_margin,
      'P(B better)');
    const baseline = await byTestId(page, 'sim-baseline').getAttribute('data-baseline');
    assert.equal(baseline, { bg_nbd: 'BgNbd', empirical: 'Empirical' }[sim.baseline], 'baseline model');
    // Migration of B: customers from each start tier to each end tier, as the CLI counted them.
    for (const [i, row] of b.migration.entries()) {
      for (const [j, count] of row.entries()) assertSame(await dataValue(results, `sim-migration-b-${i}-${j}`), count, `migration ${i}->${j}`);
    }

    // The field-test plan at 5 % significance and 80 % power (the page's defaults, the CLI's fixed values).
    const plan = byTestId(page, 'field-test-result');
    await plan.waitFor();
    assert.equal(await plan.getAttribute('data-recommended'), String(expected.field_test.recommended_months ?? ''));
    for (const row of expected.field_test.durations) {
      const shown = await byTestId(page, `field-test-row-${row.months}`).getAttribute('data-value');
      if (row.customers_per_arm === null) assert.equal(shown, '', `months ${row.months}`);
      else assertSame(Number(shown), row.customers_per_arm, `customers per arm for ${row.months} months`);
      // Adjusted for each customer's pre-period spend (CUPED), as the CLI's plan has it.
      if (row.customers_per_arm_adjusted !== null) {
        const adjusted = await byTestId(page, `field-test-adjusted-${row.months}`).getAttribute('data-value');
        assertSame(Number(adjusted), row.customers_per_arm_adjusted, `CUPED customers per arm for ${row.months} months`);
      }
    }

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'simulator-en.png'), fullPage: true });

    // --- a third scheme: added, imported, simulated with A and B in one run ----------------------------------------
    const firstJob = await results.getAttribute('data-job');
    await byTestId(page, 'sim-add-scheme').click();
    await byTestId(page, 'sim-name-c').waitFor();
    await byTestId(byTestId(page, 'scenario-c'), 'import-json').setInputFiles(cFile);
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-name-c"]')?.value === 'Deep Diamond');
    assert.equal(await byTestId(page, 'sim-scenarios').getAttribute('data-schemes'), '3');
    await byTestId(page, 'sim-run-button').click();
    await page.waitForFunction(
      (job) => {
        const shown = document.querySelector('[data-testid="sim-results"]');
        return shown && shown.getAttribute('data-job') !== job && shown.getAttribute('data-schemes') === '3';
      },
      firstJob,
    );
    await byTestId(page, 'sim-running').waitFor({ state: 'detached' });
    const ranking = byTestId(page, 'sim-ranking');
    assert.equal(await ranking.getAttribute('data-schemes'), '3');
    for (const [place, rank] of three.ranking.entries()) {
      const row = byTestId(ranking, `sim-rank-${place}`);
      assert.equal(await row.getAttribute('data-scheme'), 'ABC'[rank.scheme], `scheme ranked ${place + 1}`);
      assertSame(Number(await row.getAttribute('data-value')), rank.incremental_margin.mean, `incremental margin, place ${place + 1}`);
      assertSame(Number(await row.getAttribute('data-chance-best')), rank.chance_best, `chance best, place ${place + 1}`);
    }
    // Every scheme against the reference A: B and C, paired on the same futures.
    for (const comparison of three.comparisons) {
      const side = 'abc'[comparison.scheme];
      await assertSpread(results, `sim-against-${side}-incremental-margin`, comparison.incremental_margin);
      assertSame(Number(await byTestId(results, `sim-against-${side}`).getAttribute('data-p-better')),
        comparison.chance_better_on_margin, `P(${side} better than A)`);
    }
    await ranking.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'simulator-three-schemes-en.png'), fullPage: true });

    // The Compare tab replays all three on the history, as `tierlab compare` with three files does.
    await byTestId(page, 'tab-compare').click();
    await byTestId(page, 'replay-all').click();
    const replayTable = byTestId(page, 'replay-table');
    await replayTable.waitFor();
    for (const { scheme, comparison } of replayed.comparisons) {
      const row = byTestId(replayTable, `replay-${'abc'[scheme]}`);
      assertSame(Number(await row.getAttribute('data-margin')), comparison.b.margin_after_benefits, `replayed margin of ${'ABC'[scheme]}`);
      assertSame(Number(await row.getAttribute('data-margin-diff')), comparison.difference.margin_after_benefits,
        `${'ABC'[scheme]} minus A on the history`);
    }
    await byTestId(page, 'compare-all-schemes').screenshot({ path: join(SCREENSHOTS, 'compare-all-schemes-en.png') });
    // Any two schemes head to head: A against C is the replay's C row, each side under its own letter.
    const headToHead = byTestId(page, 'results');
    await headToHead.waitFor();
    const shownJob = await headToHead.getAttribute('data-job');
    await byTestId(page, 'compare-pick-1').selectOption('c');
    await page.waitForFunction((job) => {
      const shown = document.querySelector('[data-testid="results"]');
      return shown && shown.getAttribute('data-job') !== job && shown.getAttribute('aria-busy') === 'false';
    }, shownJob);
    const aAgainstC = replayed.comparisons.find((entry) => entry.scheme === 2).comparison;
    assertSame(Number(await byTestId(page, 'kpi-a-margin').getAttribute('data-value')), aAgainstC.a.margin_after_benefits, 'A head to head with C');
    assertSame(Number(await byTestId(page, 'kpi-b-margin').getAttribute('data-value')), aAgainstC.b.margin_after_benefits, 'C head to head with A');
    assert.match(await headToHead.locator('.kpi-card__diff').first().innerText(), /^C − A/);
    await byTestId(page, 'scenario-c').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'compare-head-to-head-en.png'), fullPage: true });
    await byTestId(page, 'tab-simulator').click();

    await byTestId(page, 'share-link').click();
    shareUrl = await byTestId(page, 'share-link-url').inputValue();
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(session.problems.foreignRequests, [], 'requests to other origins');
  });
  await session.context.close();

  // --- the link carries the three schemes, nothing else --------------------------------------------------------
  const fragment = new URL(shareUrl).hash;
  assert.match(fragment, /^#s=[A-Za-z0-9_-]+$/);
  const payload = JSON.parse(Buffer.from(fragment.slice(3), 'base64url').toString('utf8'));
  assert.deepEqual(Object.keys(payload).sort(), ['a', 'b', 'c']);
  assert.equal(payload.c.name, 'Deep Diamond');
  assert.equal(payload.b.name, 'Richer Diamond');
  assert.equal(payload.b.benefits[3].discount_percent, 12);
  const customerIds = (await readFile(csv, 'utf8')).split('\n').slice(1, 50).map((line) => line.split(',')[0]);
  for (const id of customerIds) assert.ok(!shareUrl.includes(id), `the link must not carry customer ${id}`);

  const fresh = await suite.open(shareUrl);
  await withDiagnostics('simulator-shared-link', fresh, async () => {
    const notice = byTestId(fresh.page, 'shared-link-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /loaded from the shared link/);
    assert.equal(await byTestId(fresh.page, 'sim-name-a').inputValue(), scenarioA.name);
    assert.equal(await byTestId(fresh.page, 'sim-name-b').inputValue(), 'Richer Diamond');
    assert.equal(await byTestId(fresh.page, 'sim-name-c').inputValue(), 'Deep Diamond');
    assert.equal((await byTestId(fresh.page, 'sim-diff-summary').innerText()).trim(), diffSummary);
    assert.ok(!fresh.page.url().includes('#s='), 'the fragment is dropped once read, so a reload keeps later edits');
    assert.deepEqual(fresh.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await fresh.context.close();
});
