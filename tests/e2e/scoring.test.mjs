// The Scoring tab against an independent run of the same engine: on the embedded sample, look up a customer,
// move one scoring weight, and require the live tier distribution and the customer's explained score to equal
// what the native CLI computes from the same data and the same scenario.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { before, test } from 'node:test';

import {
  byTestId,
  dataValue,
  indexedTestIds,
  pageSuite,
  STEP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  tierlab,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

// The page's embedded sample is exactly `tierlab sample` with these parameters (src/web/worker_bridge.rs).
const SAMPLE_CUSTOMERS = 20000;
const SAMPLE_SEED = 42;
const NEW_AMOUNT_WEIGHT = 0.1;
const KNOWN_BUYER = 'C000123';

const suite = pageSuite({ scratch: 'scoring' });

function assertClose(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= 1e-6, `${what}: page shows ${actual}, CLI computed ${expected}`);
}

/** Waits until a live result newer than `previousJob` is on screen and nothing is being recomputed. */
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

async function liveCounts(page) {
  const cells = await indexedTestIds(byTestId(page, 'live-outcome'), 'live-tier-count-');
  const counts = [];
  for (const cell of cells) counts.push(await dataValue(page, cell.id));
  return counts;
}

async function cliScenario(name, scenario) {
  const file = suite.file(`${name}.json`);
  await writeFile(file, JSON.stringify(scenario, null, 2));
  return file;
}

test('Scoring tab: a weight moved on the page gives the CLI score and distribution', { timeout: TEST_TIMEOUT_MS }, async () => {
  const csv = suite.file('sample.csv');
  await tierlab('sample', '--customers', String(SAMPLE_CUSTOMERS), '--seed', String(SAMPLE_SEED), '--out', csv);
  const template = JSON.parse(await tierlab('scenario-template'));
  assert.equal(template.scoring.model, 'growth_value', 'the template is expected to score by growth value');
  assert.notEqual(template.scoring.amount, NEW_AMOUNT_WEIGHT);

  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('scoring', session, async () => {
    await waitForDataReady(page, { customers: SAMPLE_CUSTOMERS });
    await byTestId(page, 'tab-scoring').click();
    let outcomeJob = await waitForLive(page, 'live-outcome', null);

    // Absolute bounds (taken over from where the template's shares cut this data), so that moving a weight
    // moves customers between tiers instead of re-cutting the same shares.
    await byTestId(page, 'threshold-kind').first().selectOption('absolute');
    outcomeJob = await waitForLive(page, 'live-outcome', outcomeJob);
    const boundInputs = await indexedTestIds(byTestId(page, 'scenario-a'), 'bound-');
    assert.equal(boundInputs.length, template.tiers.names.length - 1, 'one bound per tier above the first');
    const bounds = [];
    for (const { locator } of boundInputs) bounds.push(Number(await locator.inputValue()));
    assert.ok(bounds.every(Number.isFinite) && bounds.every((b, i) => i === 0 || b > bounds[i - 1]), `bounds ${bounds}`);
    const before = structuredClone(template);
    before.tiers.thresholds = { kind: 'absolute', lower_bounds: bounds };

    // A known sample customer who bought (their spend is what the moved weight multiplies).
    const id = KNOWN_BUYER;
    await byTestId(page, 'customer-id-input').fill(id);
    await byTestId(page, 'customer-lookup-button').click();
    let explanationJob = await waitForLive(page, 'explanation', null);
    assert.equal((await byTestId(page, 'explanation-id').innerText()).trim(), id);
    const scoreBefore = await dataValue(page, 'explanation-score');
    const countsBefore = await liveCounts(page);

    const expectedBefore = JSON.parse(
      await tierlab('explain', '--data', csv, '--scenario', await cliScenario('before', before), '--customer', id, '--json'),
    );
    assertClose(scoreBefore, expectedBefore.score, `score of ${id} with the template weights`);
    const spend = expectedBefore.features.find(([key]) => key === 'monetary')?.[1];
    assert.ok(spend > 0, `${id} should have bought something in the sample (net spend ${spend})`);

    // Move the amount weight through its number field.
    const weight = byTestId(page, 'weight-amount').first();
    await weight.fill(String(NEW_AMOUNT_WEIGHT));
    await weight.press('Tab');
    outcomeJob = await waitForLive(page, 'live-outcome', outcomeJob);
    explanationJob = await waitForLive(page, 'explanation', explanationJob);

    const changed = structuredClone(before);
    changed.scoring.amount = NEW_AMOUNT_WEIGHT;
    const changedFile = await cliScenario('changed', changed);
    const expected = JSON.parse(await tierlab('explain', '--data', csv, '--scenario', changedFile, '--customer', id, '--json'));
    const expectedRun = JSON.parse(await tierlab('run', '--data', csv, '--scenario', changedFile, '--json'));

    const scoreAfter = await dataValue(page, 'explanation-score');
    assert.notEqual(scoreAfter, scoreBefore, 'the explained score follows the new weight');
    assertClose(scoreAfter, expected.score, `score of ${id} with amount weight ${NEW_AMOUNT_WEIGHT}`);
    assert.equal(await dataValue(page, 'explanation-tier'), expected.tier, `tier of ${id}`);

    const countsAfter = await liveCounts(page);
    assert.notDeepEqual(countsAfter, countsBefore, 'the tier distribution changes with the weight');
    assert.deepEqual(countsAfter, expectedRun.tiers.map((t) => t.customers), 'customers per tier, page vs CLI');

    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(session.problems.foreignRequests, [], 'requests to other origins');
  });
  await session.context.close();
});

test('Scoring tab: an unknown customer id is said in words, next to the field', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('scoring-unknown-id', session, async () => {
    await waitForDataReady(page);
    await byTestId(page, 'tab-scoring').click();
    await waitForLive(page, 'live-outcome', null);
    await byTestId(page, 'customer-id-input').fill('NOBODY-42');
    await byTestId(page, 'customer-lookup-button').click();
    const message = byTestId(page, 'lookup-error');
    await message.waitFor();
    assert.match(await message.innerText(), /No customer with id “NOBODY-42”/);
    assert.equal(await byTestId(page, 'error-banner').count(), 0, 'no page-wide error for a typo');
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await session.context.close();
});
