// Decision support on the Simulator tab, on the 20,000-customer sample the page opens with: a small
// optimisation (discounts and the free-shipping tier, 2 futures per candidate, one pass, 3 months) under the
// cautious objective at the 10th percentile, with progress on the way; the answer says what changes, how sure the
// win is on fresh futures, and the frontier; "Load as a new scheme" adds scheme C with the best scheme's settings.
// Then the next-best benefit per RFM segment: the table (every segment with a recommendation), its chart and
// category affinity (the sample has categories).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { byTestId, pageSuite, STEP_TIMEOUT_MS, TEST_TIMEOUT_MS, waitForDataReady, withDiagnostics } from './helpers.mjs';

const suite = pageSuite();

async function type(scope, id, value) {
  const input = byTestId(scope, id);
  await input.fill(String(value));
  await input.dispatchEvent('change');
}

test('a small optimisation runs with progress, loads as a new scheme, and segments get their next-best benefit', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await withDiagnostics('optimiser', session, async () => {
    await waitForDataReady(page);
    await byTestId(page, 'tab-simulator').click();
    const panel = byTestId(page, 'sim-optimiser');
    await byTestId(panel, 'opt-base').waitFor();
    // Search discounts and the free-shipping tier only, with little effort.
    for (const key of ['thresholds', 'points_multiplier', 'welcome_points']) {
      await byTestId(panel, `opt-search-${key}`).uncheck();
    }
    assert.equal(await byTestId(panel, 'opt-thresholds-0-min').count(), 0, 'tier bounds are not searched');
    await type(panel, 'opt-futures', 2);
    await type(panel, 'opt-sweeps', 1);
    await type(panel, 'opt-confirm', 4);
    await type(panel, 'opt-months', 3);
    await byTestId(panel, 'opt-objective-cautious').check();
    // The percentile is checked against the engine's limit (1-50) and named at its field.
    await type(panel, 'opt-percentile', 60);
    await byTestId(panel, 'opt-blocked').waitFor();
    assert.match(await byTestId(panel, 'opt-blocked').innerText(), /Percentile \(1-50\) must be a whole number from 1 to 50/);
    assert.ok(await byTestId(panel, 'opt-run').isDisabled());
    await type(panel, 'opt-percentile', 10);
    assert.equal(await byTestId(panel, 'opt-blocked').count(), 0);

    await byTestId(panel, 'opt-run').click();
    await byTestId(panel, 'opt-progress').waitFor({ state: 'visible' });
    const result = byTestId(panel, 'opt-result');
    await result.waitFor({ timeout: TEST_TIMEOUT_MS / 2 });
    assert.equal(await byTestId(panel, 'opt-progress').count(), 0, 'the progress bar goes when the answer comes');
    assert.ok(Number(await result.getAttribute('data-evaluations')) > 5);
    assert.match(await result.innerText(), /Searched 5 settings with \d+ candidate simulations, for the highest 10th percentile/);
    const changes = Number(await result.getAttribute('data-changes'));
    if (changes > 0) {
      assert.equal(await byTestId(result, 'opt-changes').locator('li').count(), changes);
      assert.match(await byTestId(result, 'opt-changes').innerText(), /discount|Free shipping/);
    } else {
      await byTestId(result, 'opt-no-change').waitFor();
    }
    const sure = byTestId(result, 'opt-sure');
    const chance = Number(await sure.getAttribute('data-chance'));
    assert.ok(chance >= 0 && chance <= 1, `chance ${chance}`);
    assert.match(await sure.innerText(), /On 4 fresh futures the best scheme earns/);
    assert.match(await result.innerText(), /members still active at the end/);
    assert.ok((await byTestId(result, 'opt-frontier').locator('[data-testid^="frontier-point-"]').count()) >= 1);

    // Load as scheme C: a third scheme appears, named after the base, with the best scheme's settings.
    assert.equal(await byTestId(page, 'sim-name-c').count(), 0);
    await byTestId(result, 'opt-load').click();
    await byTestId(page, 'sim-name-c').waitFor();
    assert.match(await byTestId(page, 'sim-name-c').inputValue(), /\(optimised\)$/);
    await byTestId(result, 'opt-loaded').waitFor();
    assert.ok(await byTestId(result, 'opt-load').isDisabled(), 'added once');

    // Next-best benefit per RFM segment, with category affinity.
    const advice = byTestId(page, 'sim-advice');
    await type(advice, 'advice-months', 3);
    await type(advice, 'advice-futures', 4);
    await byTestId(advice, 'advice-run').click();
    await byTestId(advice, 'advice-table').waitFor({ timeout: TEST_TIMEOUT_MS / 2 });
    const segments = await advice.locator('[data-testid^="advice-recommendation-"]').allInnerTexts();
    assert.ok(segments.length >= 3, `${segments.length} segments`);
    const words = /Leave as is|Discount \+2 points|Free shipping|Points multiplier \+0\.5|welcome points|Gifts ×1\.5/;
    for (const text of segments) assert.match(text, words);
    await byTestId(advice, 'advice-chart').waitFor();
    await byTestId(advice, 'affinity-table').waitFor();
    assert.ok((await byTestId(advice, 'affinity-table').locator('tbody tr').count()) >= 3);
    assert.deepEqual(session.problems.pageErrors, []);
  });
  await session.context.close();
});
