// The Model lab against independent runs of the same engine (the native CLI) on a small generated file: the CLV
// parameters the page shows equal `tierlab clv`'s, the linear value model's R² equals `tierlab train`'s, and the CLV
// published as a column is what the Scoring tab then tiers customers by (a customer's score = the CLI's CLV).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  byTestId,
  dataValue,
  indexedTestIds,
  pageSuite,
  SCREENSHOTS,
  STEP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  tierlab,
  uploadFile,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const CUSTOMERS = 2000;
const SEED = 3;
// The sample's events end on 2026-10-31; a calibration end other than the page's default exercises the picker.
const CALIBRATION_END = '2026-03-31';

const suite = pageSuite({ scratch: 'lab' });

function assertRelative(actual, expected, what, tolerance = 1e-6) {
  const scale = Math.max(Math.abs(expected), 1e-12);
  assert.ok(
    Math.abs(actual - expected) / scale <= tolerance,
    `${what}: page shows ${actual}, CLI computed ${expected} (relative difference ${Math.abs(actual - expected) / scale})`,
  );
}

/** Waits until a lab section has no job queued or running and its results are on screen. */
async function waitForLab(page, runTestId, resultsTestId) {
  await byTestId(page, resultsTestId).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await byTestId(page, runTestId).first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Waits until the live result `testId` is newer than `previousJob` and nothing is recomputed. */
async function waitForLive(page, testId, previousJob) {
  await page.waitForFunction(
    ({ id, before }) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      const job = element?.getAttribute('data-job');
      const busy = document.querySelector('[data-testid="live-outcome"]')?.getAttribute('aria-busy') === 'true';
      return job != null && job !== '' && job !== before && element.getAttribute('aria-busy') !== 'true' && !busy;
    },
    { id: testId, before: previousJob },
    { timeout: STEP_TIMEOUT_MS },
  );
  return byTestId(page, testId).first().getAttribute('data-job');
}

/** `customer_id,...,clv` rows of `tierlab clv --out`, as { id, clv } with a number CLV. */
function clvRows(csv) {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header.split(',');
  const idAt = columns.indexOf('customer_id');
  const clvAt = columns.indexOf('clv');
  return lines
    .map((line) => line.split(','))
    .map((cells) => ({ id: cells[idAt], clv: cells[clvAt] === '' ? NaN : Number(cells[clvAt]) }))
    .filter((row) => Number.isFinite(row.clv));
}

test('Model lab: CLV and a value model as the CLI computes them, and tiering by the published CLV', { timeout: TEST_TIMEOUT_MS }, async () => {
  const csv = suite.file('customers.csv');
  await tierlab('sample', '--customers', String(CUSTOMERS), '--seed', String(SEED), '--out', csv);

  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('model-lab', session, async () => {
    await waitForDataReady(page);
    const problem = await uploadFile(page, csv);
    assert.equal(problem, null, `the file is read without error: ${problem}`);
    await byTestId(page, 'apply-load').click();
    await waitForDataReady(page, { customers: CUSTOMERS });
    await byTestId(page, 'tab-lab').click();

    // ---- customer value: parameters, standard errors and log-likelihoods against `tierlab clv` ----
    await byTestId(page, 'lab-section-clv').click();
    const holdoutEnd = await byTestId(page, 'clv-holdout-end').inputValue();
    assert.equal(holdoutEnd, '2026-10-31', 'the holdout ends on the last day of the data by default');
    await byTestId(page, 'clv-calibration-end').fill(CALIBRATION_END);
    await byTestId(page, 'clv-fit').click();
    await waitForLab(page, 'clv-fit', 'clv-results');
    const expected = JSON.parse(
      await tierlab('clv', '--data', csv, '--calibration-end', CALIBRATION_END, '--holdout-end', holdoutEnd, '--json'),
    );
    for (const model of [expected.bgnbd, expected.gamma_gamma]) {
      for (const [i, name] of model.names.entries()) {
        assertRelative(await dataValue(page, `clv-param-${name}`), model.values[i], `parameter ${name}`);
        assertRelative(await dataValue(page, `clv-se-${name}`), model.standard_errors[i], `standard error of ${name}`);
      }
    }
    assertRelative(await dataValue(page, 'clv-ll-bgnbd'), expected.bgnbd.log_likelihood, 'BG/NBD log-likelihood');
    assertRelative(await dataValue(page, 'clv-ll-gamma-gamma'), expected.gamma_gamma.log_likelihood, 'Gamma-Gamma log-likelihood');
    assert.equal(await dataValue(page, 'clv-customers'), expected.customers);
    const holdout = byTestId(page, 'clv-holdout-total');
    assert.equal(Number(await holdout.getAttribute('data-actual')), expected.holdout.actual_total);
    assertRelative(Number(await holdout.getAttribute('data-expected')), expected.holdout.expected_total, 'expected holdout purchases');
    // The calibration-vs-holdout charts: one bar pair per frequency bucket, the tracking lines, and P(active).
    const bars = await indexedTestIds(page, 'clv-holdout-buckets-bar-');
    assert.equal(bars.length, 2 * expected.holdout.by_frequency.length);
    await byTestId(page, 'clv-tracking').waitFor();
    await byTestId(page, 'clv-p-alive-bins').waitFor();
    // The three purchase models compared on the holdout, the chosen one marked; intervals from the parameter draws.
    const names = { bg_nbd: 'BG/NBD', pareto_nbd: 'Pareto/NBD', mbg_nbd: 'MBG/NBD' };
    assert.equal(await byTestId(page, 'clv-models').getAttribute('data-chosen'), names[expected.purchase_model]);
    for (const fit of expected.purchase_models.filter((m) => m.holdout)) {
      const key = names[fit.model].toLowerCase().replace('/', '-');
      assertRelative(await dataValue(page, `clv-model-${key}-error`), fit.holdout.total_relative_error, `${names[fit.model]} holdout error`);
      assert.equal(await byTestId(page, `clv-model-${key}`).getAttribute('data-chosen'), String(fit.model === expected.purchase_model));
    }
    assert.equal(await dataValue(page, 'clv-intervals-draws'), expected.uncertainty.draws);
    await byTestId(page, 'clv-models').screenshot({ path: join(SCREENSHOTS, 'lab-purchase-models-en.png') });
    await byTestId(page, 'clv-top').screenshot({ path: join(SCREENSHOTS, 'lab-top-customers-intervals-en.png') });

    // ---- value model: linear regression on holdout spend, R² against `tierlab train` ----
    await byTestId(page, 'lab-section-predict').click();
    const month = await byTestId(page, 'predict-calibration-month').inputValue();
    const months = await byTestId(page, 'predict-holdout-months').inputValue();
    assert.match(month, /^\d{4}-\d{2}$/, `calibration month ${month}`);
    await byTestId(page, 'predict-model').selectOption('linear');
    const features = await byTestId(page, 'predict-features').getAttribute('data-chosen');
    assert.ok(features.split(',').length >= 3, `recommended features: ${features}`);
    await byTestId(page, 'predict-train').click();
    await waitForLab(page, 'predict-train', 'regression-results');
    const trained = JSON.parse(
      await tierlab('train', '--data', csv, '--target', `holdout-spend:${month}:${months}`, '--features', features, '--model', 'linear', '--json'),
    );
    assert.equal(trained.model.kind, 'linear');
    assertRelative(await dataValue(page, 'metric-r2-model'), trained.test.r2, 'test R² of the linear model');
    assertRelative(await dataValue(page, 'metric-mae-model'), trained.test.mae, 'test MAE of the linear model');
    assertRelative(await dataValue(page, 'metric-r2-baseline-0'), trained.table.rows.find((r) => r.metric === 'r2').baselines[0], 'R² of predicting the average');
    assert.equal(Number(await byTestId(page, 'training-set').getAttribute('data-rows')), trained.set.rows);
    assert.match(await byTestId(page, 'model-lift').innerText(), /^R² \S+ vs \S+ for predicting the average/);

    // ---- publish the CLV (as of the end of the data) and tier scenario A by it ----
    await byTestId(page, 'lab-section-clv').click();
    await byTestId(page, 'clv-as-of-end').check();
    await byTestId(page, 'clv-publish').click();
    await byTestId(page, 'clv-published').waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await byTestId(page, 'clv-published').getAttribute('data-as-of'), '2026-10-31');
    assert.equal(await byTestId(page, 'lab-published-columns').getAttribute('data-columns'), 'p_alive,expected_purchases,clv');
    await byTestId(page, 'clv-tier-by').click();
    await byTestId(page, 'live-outcome').waitFor();
    await waitForLive(page, 'live-outcome', null);
    assert.equal(await byTestId(page, 'metric-feature').first().inputValue(), 'column:clv', 'scenario A scores by the clv column');
    assert.equal(await byTestId(page, 'live-blocked').count(), 0, 'the Scoring tab has a result, not an error');
    const counts = [];
    for (const cell of await indexedTestIds(byTestId(page, 'live-outcome'), 'live-tier-count-')) counts.push(await dataValue(page, cell.id));
    assert.equal(counts.reduce((a, b) => a + b, 0), CUSTOMERS, `every customer is in a tier: ${counts}`);

    // The column holds the CLV the CLI computes on all the data: the most valuable customer's score is their CLV.
    const clvCsv = suite.file('clv.csv');
    await tierlab('clv', '--data', csv, '--calibration-end', '2026-10-31', '--out', clvCsv);
    const rows = clvRows(await readFile(clvCsv, 'utf8'));
    const top = rows.reduce((best, row) => (row.clv > best.clv ? row : best));
    await byTestId(page, 'customer-id-input').fill(top.id);
    await byTestId(page, 'customer-lookup-button').click();
    await waitForLive(page, 'explanation', null);
    assert.equal((await byTestId(page, 'explanation-id').innerText()).trim(), top.id);
    assertRelative(await dataValue(page, 'explanation-score'), top.clv, `score (CLV) of ${top.id}`);

    // ---- segments under the user's names become a segment source of the scenario editor ----
    await byTestId(page, 'tab-lab').click();
    await byTestId(page, 'lab-section-segments').click();
    await byTestId(page, 'segments-k-mode').selectOption('fixed');
    await byTestId(page, 'segments-k-input').fill('3');
    await byTestId(page, 'segments-run').click();
    await waitForLab(page, 'segments-run', 'segment-results');
    assert.equal(await dataValue(page, 'segments-k'), 3);
    const sizes = [];
    for (const row of await indexedTestIds(page, 'segment-row-')) sizes.push(Number(await row.locator.getAttribute('data-size')));
    assert.equal(sizes.reduce((a, b) => a + b, 0), CUSTOMERS, `segment sizes ${sizes}`);
    await byTestId(page, 'segment-name-0').fill('vip');
    await byTestId(page, 'segments-publish').click();
    await byTestId(page, 'segments-published').waitFor({ timeout: STEP_TIMEOUT_MS });
    await byTestId(page, 'segments-open-rules').click();
    const editorA = byTestId(page, 'scenario-a');
    await byTestId(editorA, 'segments-enabled').check();
    const sources = await byTestId(editorA, 'segment-source').locator('option').evaluateAll((o) => o.map((x) => x.value));
    assert.ok(sources.includes('column:segment'), `the published column is a segment source: ${sources}`);
    await byTestId(editorA, 'segment-source').selectOption('column:segment');
    await byTestId(editorA, 'add-segment').click();
    const values = await page.locator('datalist[id="segment-values-a"] option').evaluateAll((o) => o.map((x) => x.value));
    assert.ok(values.includes('vip'), `the renamed segment is offered: ${values}`);

    // ---- a long training is cancelled where it was started; the model columns come back with the data ----
    await byTestId(page, 'tab-lab').click();
    await byTestId(page, 'lab-section-predict').click();
    await byTestId(page, 'predict-model').selectOption('forest');
    await byTestId(page, 'forest-trees').fill('500');
    await byTestId(page, 'eval-importance').fill('20');
    await byTestId(page, 'predict-train').click();
    await byTestId(page, 'predict-train-progress').waitFor();
    // The page answers while the worker trains: both clicks are handled while the training still runs
    // (a page blocked by the training would handle them only after it). The time bound is loose on
    // purpose: on a busy 2-core machine two clicks took 3 s, which says nothing about blocking.
    const started = Date.now();
    await byTestId(page, 'lab-section-clv').click();
    await byTestId(page, 'lab-clv').waitFor();
    await byTestId(page, 'lab-section-predict').click();
    const clicks = Date.now() - started;
    assert.ok(await byTestId(page, 'predict-train-progress').isVisible(), `the training still runs after the two clicks (${clicks} ms)`);
    assert.ok(clicks < 10000, `the page stayed responsive (${clicks} ms for two clicks)`);
    const publishedColumns = 'p_alive,expected_purchases,clv,segment';
    const columnsAre = (expected) =>
      page.waitForFunction(
        (want) => document.querySelector('[data-testid="lab-published-columns"]')?.dataset.columns === want,
        expected,
        { timeout: STEP_TIMEOUT_MS },
      );
    await byTestId(page, 'lab-cancel').click();
    await byTestId(page, 'predict-train').waitFor();
    // The fresh engine gets the file and then the CLV fit and the segments published again.
    await columnsAre(publishedColumns);
    await byTestId(page, 'lab-columns-lost').waitFor({ state: 'detached' });

    // ---- a reload brings the file and the model columns back; the Scoring tab still tiers by the CLV ----
    await page.reload();
    await waitForDataReady(page, { customers: CUSTOMERS });
    await byTestId(page, 'tab-lab').click();
    await columnsAre(publishedColumns);
    await byTestId(page, 'tab-scoring').click();
    await byTestId(page, 'live-outcome').waitFor();
    await waitForLive(page, 'live-outcome', null);
    assert.equal(await byTestId(page, 'metric-feature').first().inputValue(), 'column:clv');
    assert.equal(await byTestId(page, 'live-blocked').count(), 0, 'the Scoring tab has a result after the reload');
    const countsAfterReload = [];
    for (const cell of await indexedTestIds(byTestId(page, 'live-outcome'), 'live-tier-count-')) {
      countsAfterReload.push(await dataValue(page, cell.id));
    }
    assert.deepEqual(countsAfterReload, counts, 'the same tiers by the CLV after the reload');

    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(session.problems.foreignRequests, [], 'requests to other origins');
  });
  await session.context.close();
});
