// Every core: the page splits a simulation and a sensitivity analysis over `?workers=N` Web Workers (each its own
// wasm instance with its own copy of the data). The same seed must give exactly the same numbers with one worker
// and with three: every figure the results show (each KPI's mean and intervals, the migration, the ranking, the
// tornado) is compared as the page writes it, character for character. With three workers the page must really
// run three.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { byTestId, pageSuite, TEST_TIMEOUT_MS, waitForDataReady, withDiagnostics } from './helpers.mjs';

const suite = pageSuite();

/** Every data-* attribute (but the job number) of every element with a test id inside `root`, in document order. */
async function figures(page, root) {
  return page.evaluate((root) => {
    const scope = document.querySelector(`[data-testid="${root}"]`);
    return [scope, ...scope.querySelectorAll('[data-testid]')].map((element) => {
      const values = [...element.attributes]
        .filter((a) => a.name.startsWith('data-') && a.name !== 'data-job')
        .map((a) => `${a.name}=${a.value}`);
      return `${element.getAttribute('data-testid')} ${values.join(' ')}`;
    });
  }, root);
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
    await byTestId(page, 'sim-run-button').click();
    await byTestId(page, 'sim-results').waitFor();
    await byTestId(page, 'sim-running').waitFor({ state: 'detached' });
    await byTestId(page, 'sensitivity-run').click();
    await byTestId(page, 'sensitivity-result').waitFor();
    // The page's worker and its helpers (the page starts them once the data is loaded).
    assert.equal(page.workers().length, workers, `${workers} workers running`);
    shown = {
      simulation: await figures(page, 'sim-results'),
      sensitivity: await figures(page, 'sensitivity-result'),
    };
  });
  await session.context.close();
  return shown;
}

test('a simulation and a sensitivity analysis give the same numbers on one worker and on three', { timeout: TEST_TIMEOUT_MS }, async () => {
  const one = await simulateWith(1);
  const three = await simulateWith(3);
  assert.ok(one.simulation.filter((line) => line.startsWith('sim-kpi-')).length > 40, 'the KPI cards are compared');
  assert.ok(one.sensitivity.filter((line) => line.startsWith('tornado-row-')).length >= 10, 'the tornado rows are compared');
  assert.deepEqual(three.simulation, one.simulation);
  assert.deepEqual(three.sensitivity, one.sensitivity);
});
