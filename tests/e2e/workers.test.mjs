// Every core: the page splits a simulation, a sensitivity analysis, a k-means segmentation (its runs) and a random
// forest (its trees) over `?workers=N` Web Workers (each its own wasm instance with its own copy of the data). The
// same seed must give exactly the same numbers with one worker and with three: every figure the results show (each
// KPI's mean and intervals, the migration, the ranking, the tornado, the segments' silhouette curve and profiles, the
// forest's metrics and importances) is compared as the page writes it, character for character. With three workers
// the page must really run three. How long each step took is printed (not asserted: the machine is shared).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { byTestId, pageSuite, STEP_TIMEOUT_MS, TEST_TIMEOUT_MS, waitForDataReady, withDiagnostics } from './helpers.mjs';

const suite = pageSuite();
// The pool compared with one worker (three unless TIERLAB_POOL_WORKERS says otherwise, e.g. 2 to time two workers).
const MANY = Number(process.env.TIERLAB_POOL_WORKERS ?? 3);

/** Every data-* attribute (but the job number) of every element with a test id inside `root`, in document order,
 * then the text the page shows there. */
async function figures(page, root) {
  return page.evaluate((root) => {
    const scope = document.querySelector(`[data-testid="${root}"]`);
    const attributes = [scope, ...scope.querySelectorAll('[data-testid]')].map((element) => {
      const values = [...element.attributes]
        .filter((a) => a.name.startsWith('data-') && a.name !== 'data-job')
        .map((a) => `${a.name}=${a.value}`);
      return `${element.getAttribute('data-testid')} ${values.join(' ')}`;
    });
    return [...attributes, scope.innerText];
  }, root);
}

/** Runs `step` and returns how many milliseconds it took. */
async function timed(step) {
  const started = Date.now();
  await step();
  return Date.now() - started;
}

async function simulateWith(workers) {
  const session = await suite.open(`${suite.site.url}?workers=${workers}`);
  const { page } = session;
  let shown;
  await withDiagnostics(`workers-${workers}`, session, async () => {
    await waitForDataReady(page);
    await byTestId(page, 'tab-simulator').click();
    for (const [id, value] of [['sim-months', 6], ['sim-replications', 7], ['sim-seed', 13]]) {
      await byTestId(page, id).fill(String(value));
      await byTestId(page, id).press('Tab');
    }
    const times = {};
    times.simulation = await timed(async () => {
      await byTestId(page, 'sim-run-button').click();
      await byTestId(page, 'sim-results').waitFor();
      await byTestId(page, 'sim-running').waitFor({ state: 'detached' });
    });
    times.sensitivity = await timed(async () => {
      await byTestId(page, 'sensitivity-run').click();
      await byTestId(page, 'sensitivity-result').waitFor();
    });
    // The page's worker and its helpers (the page starts them once the data is loaded).
    assert.equal(page.workers().length, workers, `${workers} workers running`);
    shown = {
      simulation: await figures(page, 'sim-results'),
      sensitivity: await figures(page, 'sensitivity-result'),
    };

    // The model lab: a k-means search over k (its runs shared out) and a random forest (its trees shared out).
    await byTestId(page, 'tab-lab').click();
    await byTestId(page, 'lab-section-segments').click();
    times.segments = await timed(async () => {
      await byTestId(page, 'segments-run').click();
      await byTestId(page, 'segment-results').waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
      await byTestId(page, 'segments-run').waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
    });
    shown.segments = await figures(page, 'segment-results');
    await byTestId(page, 'lab-section-predict').click();
    await byTestId(page, 'predict-model').selectOption('forest');
    await byTestId(page, 'forest-trees').fill('12');
    await byTestId(page, 'forest-trees').press('Tab');
    times.forest = await timed(async () => {
      await byTestId(page, 'predict-train').click();
      await byTestId(page, 'regression-results').waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
      await byTestId(page, 'predict-train').waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
    });
    shown.forest = await figures(page, 'regression-results');

    // The optimiser (its batches of candidates shared out), with little effort.
    await byTestId(page, 'tab-simulator').click();
    const panel = byTestId(page, 'sim-optimiser');
    await byTestId(panel, 'opt-base').waitFor();
    for (const key of ['thresholds', 'points_multiplier', 'welcome_points']) await byTestId(panel, `opt-search-${key}`).uncheck();
    for (const [id, value] of [['opt-futures', 2], ['opt-sweeps', 1], ['opt-confirm', 4], ['opt-months', 3]]) {
      await byTestId(panel, id).fill(String(value));
      await byTestId(panel, id).dispatchEvent('change');
    }
    times.optimiser = await timed(async () => {
      await byTestId(panel, 'opt-run').click();
      await byTestId(panel, 'opt-result').waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
      await byTestId(panel, 'opt-progress').waitFor({ state: 'detached', timeout: 4 * STEP_TIMEOUT_MS });
    });
    shown.optimiser = await figures(page, 'opt-result');
    console.log(`${workers} worker(s): ${JSON.stringify(times)} ms`);
  });
  await session.context.close();
  return shown;
}

test('simulation, sensitivity, segments, a forest and the optimiser give the same numbers on one worker and on several', { timeout: 3 * TEST_TIMEOUT_MS }, async () => {
  const one = await simulateWith(1);
  const three = await simulateWith(MANY);
  assert.ok(one.simulation.filter((line) => line.startsWith('sim-kpi-')).length > 40, 'the KPI cards are compared');
  assert.ok(one.sensitivity.filter((line) => line.startsWith('tornado-row-')).length >= 10, 'the tornado rows are compared');
  assert.deepEqual(three.simulation, one.simulation);
  assert.deepEqual(three.sensitivity, one.sensitivity);
  assert.ok(one.segments.filter((line) => line.startsWith('segment-row-')).length >= 2, 'the segments are compared');
  assert.ok(one.forest.some((line) => line.startsWith('metric-r2-model')), 'the forest\'s metrics are compared');
  assert.ok(one.optimiser.some((line) => line.startsWith('frontier-point-')), 'the optimiser\'s frontier is compared');
  assert.deepEqual(three.segments, one.segments);
  assert.deepEqual(three.forest, one.forest);
  assert.deepEqual(three.optimiser, one.optimiser);
});
