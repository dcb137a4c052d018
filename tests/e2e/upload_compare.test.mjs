// The main user journey, checked against an independent run of the same engine: upload a CSV, load it, change
// scenario B's thresholds, compare, and require every number on the page to equal what the native CLI computes
// from the same file and the same two scenarios.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  byTestId,
  dataValue,
  indexedTestIds,
  pageSuite,
  runComparison,
  TEST_TIMEOUT_MS,
  tierlab,
  uploadFile,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const suite = pageSuite({ scratch: 'upload' });

/** Money may differ in the last bits between native and wasm float paths: 1e-6 relative (1e-6 absolute near 0). */
function assertClose(actual, expected, what) {
  const tolerance = 1e-6 * Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: page shows ${actual}, CLI computed ${expected} (difference ${actual - expected})`,
  );
}

// KPI cell name -> how to read the same figure from the CLI's Comparison JSON.
const SCENARIO_KPIS = {
  revenue: (o) => o.revenue,
  discount: (o) => o.totals.discount,
  points: (o) => o.totals.points,
  shipping: (o) => o.totals.shipping,
  gifts: (o) => o.totals.gifts,
  'total-cost': (o) => o.totals.total,
  'points-issued': (o) => o.totals.points_issued,
  margin: (o) => o.margin_after_benefits,
};
const DIFFERENCE_KPIS = {
  revenue: (c) => c.b.revenue - c.a.revenue,
  discount: (c) => c.difference.costs.discount,
  points: (c) => c.difference.costs.points,
  shipping: (c) => c.difference.costs.shipping,
  gifts: (c) => c.difference.costs.gifts,
  'total-cost': (c) => c.difference.costs.total,
  'points-issued': (c) => c.difference.costs.points_issued,
  margin: (c) => c.difference.margin_after_benefits,
};

/**
 * Scenario B's absolute bounds, derived from where A's target shares put the cuts on this data (so every tier
 * stays populated but customers do move): lower the first cut, raise the top one. Rounded to cents so the text
 * typed into the page parses to exactly the same double as the JSON number.
 */
function boundsForB(aLowerBounds) {
  const factors = aLowerBounds.map((_, i) => (i === 0 ? 0.8 : i === aLowerBounds.length - 1 ? 1.15 : 1.0));
  const bounds = aLowerBounds.map((bound, i) => Math.round(bound * factors[i] * 100) / 100);
  for (let i = 1; i < bounds.length; i += 1) {
    assert.ok(bounds[i] > bounds[i - 1], `derived bounds for B are not increasing: ${bounds}`);
  }
  return bounds;
}

test('uploaded CSV, edited scenario B: every KPI, tier count and transition equals the CLI', { timeout: TEST_TIMEOUT_MS }, async () => {
  // --- the expected numbers, from the CLI -------------------------------------------------------------------
  const csv = suite.file('upload.csv');
  await tierlab('sample', '--customers', '3000', '--seed', '7', '--out', csv);
  const template = JSON.parse(await tierlab('scenario-template'));
  assert.equal(template.tiers.thresholds.kind, 'target_shares', 'the template is expected to start from target shares');
  const aFile = suite.file('a.json');
  await writeFile(aFile, JSON.stringify(template, null, 2));

  // First pass (B = A) only to learn where A's shares cut this data.
  const probe = JSON.parse(await tierlab('compare', '--data', csv, aFile, aFile, '--json'));
  const bBounds = boundsForB(probe.a.lower_bounds);
  // The page's default B (points instead of discounts), with absolute bounds typed into its editor.
  const scenarioB = JSON.parse(await tierlab('scenario-template', '--b'));
  scenarioB.tiers.thresholds = { kind: 'absolute', lower_bounds: bBounds };
  const bFile = suite.file('b.json');
  await writeFile(bFile, JSON.stringify(scenarioB, null, 2));
  const expected = JSON.parse(await tierlab('compare', '--data', csv, aFile, bFile, '--json'));
  const tierCount = template.tiers.names.length;
  assert.equal(expected.a.tiers.length, tierCount);
  assert.ok(
    expected.transitions.some((row, i) => row.some((n, j) => i !== j && n > 0)),
    'the edited bounds should move some customers between tiers, or the transition check proves little',
  );

  // --- the same journey in the page --------------------------------------------------------------------------
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('upload-compare', session, async () => {
    await waitForDataReady(page); // the embedded sample loads by itself first

    await byTestId(page, 'tab-data').click();
    const uploadError = await uploadFile(page, { name: 'upload.csv', mimeType: 'text/csv', buffer: await readFile(csv) });
    assert.equal(uploadError, null, 'inspecting the uploaded CSV');
    await byTestId(page, 'source-summary').first().waitFor();
    await byTestId(page, 'apply-load').click();
    const loaded = await waitForDataReady(page, { customers: expected.customers });
    assert.equal(loaded, expected.customers, 'customers loaded in the page vs the CLI');

    await byTestId(page, 'tab-compare').click();
    const editorB = byTestId(page, 'scenario-b');
    await editorB.waitFor();
    await byTestId(editorB, 'threshold-kind').selectOption('absolute');
    const boundInputs = await (async () => {
      await editorB.locator('[data-testid^="bound-"]').first().waitFor();
      return indexedTestIds(editorB, 'bound-');
    })();
    assert.equal(boundInputs.length, bBounds.length, `scenario B shows ${boundInputs.length} bound inputs`);
    for (const [k, { locator }] of boundInputs.entries()) {
      await locator.fill(String(bBounds[k]));
      await locator.press('Tab'); // commit: some inputs apply on change (blur), not on every keystroke
    }
    await runComparison(page);

    const results = byTestId(page, 'results');
    for (const [side, outcome] of [['a', expected.a], ['b', expected.b]]) {
      for (const [kpi, read] of Object.entries(SCENARIO_KPIS)) {
        assertClose(await dataValue(results, `kpi-${side}-${kpi}`), read(outcome), `kpi-${side}-${kpi}`);
      }
    }
    for (const [kpi, read] of Object.entries(DIFFERENCE_KPIS)) {
      assertClose(await dataValue(results, `kpi-diff-${kpi}`), read(expected), `kpi-diff-${kpi}`);
    }

    for (const [side, outcome] of [['a', expected.a], ['b', expected.b]]) {
      const cells = await indexedTestIds(results, `tier-count-${side}-`);
      assert.equal(cells.length, outcome.tiers.length, `tier-count-${side}-* cells`);
      for (const [k, cell] of cells.entries()) {
        assert.equal(await dataValue(results, cell.id), outcome.tiers[k].customers, `${cell.id} (${outcome.tiers[k].name})`);
      }
    }

    const cells = await indexedTestIds(results, 'transition-');
    const expectedCells = expected.transitions.flat();
    assert.equal(cells.length, expectedCells.length, 'transition-{i}-{j} cells');
    const base = cells[0].indices[0]; // 0- or 1-based, the page's choice
    for (const cell of cells) {
      const [i, j] = cell.indices.map((index) => index - base);
      assert.equal(await dataValue(results, cell.id), expected.transitions[i][j], `${cell.id} (A tier ${i} -> B tier ${j})`);
    }

    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(session.problems.foreignRequests, [], 'requests to other origins');
  });
  await session.context.close();
});
