// From a decision to operation, on the page: the member list downloaded from the Compare and Simulator tabs (CSV
// with BOM and .xlsx, built in the worker), the flagged customers with their reasons in both languages, the
// exclude-flagged option and what it changes in the comparison, a workbook's sheet picker, and "Forget my data".
// axe-core checks the new parts (no serious or critical violation), and screenshots are kept to look at.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mkdirSync } from 'node:fs';

import {
  byTestId,
  pageSuite,
  runComparison,
  SCREENSHOTS,
  STEP_TIMEOUT_MS,
  switchLanguage,
  TEST_TIMEOUT_MS,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const JOB_TIMEOUT_MS = 180_000;

const suite = pageSuite();

async function blocking(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_SCRIPT });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.impact} ${v.id} on ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function shoot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function download(page, testid) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: JOB_TIMEOUT_MS }),
    byTestId(page, testid).first().click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

test('member list, flagged customers, excluding them, forgetting the data', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
  const session = await suite.open();
  const { page } = session;
  const problems = [];
  await withDiagnostics('operations', session, async () => {
    const customers = await waitForDataReady(page);
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);

    // The member list as CSV: UTF-8 with BOM, one row per customer, the schemes' columns.
    const csv = await download(page, 'members-csv');
    assert.equal(csv.name, 'members.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length, customers + 1, 'a header and one row per customer');
    assert.match(lines[0], /^customer_id,/);
    assert.match(lines[0], /tier \[/);
    await byTestId(page, 'members-ready').waitFor();
    // ... and as a workbook (a zip).
    const xlsx = await download(page, 'members-xlsx');
    assert.equal(xlsx.name, 'members.xlsx');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');

    // Flagged customers, judged under A: rules, then one row per flag with its reason and figure.
    await byTestId(page, 'risk-run').click();
    const report = byTestId(page, 'risk-report');
    await report.waitFor({ timeout: JOB_TIMEOUT_MS });
    const flagged = Number(await report.getAttribute('data-flagged'));
    assert.ok(flagged > 0, 'the sample has flagged customers (outliers at least)');
    assert.equal(await byTestId(page, 'risk-rules').locator('tbody tr').count(), 8, 'every rule is listed');
    const rows = byTestId(page, 'risk-row');
    assert.ok((await rows.count()) > 0);
    assert.match(await rows.first().locator('.risk__reason').innerText(), /threshold/);
    problems.push(...(await blocking(page, 'Compare with flagged customers (en)')));

    // The exclude option on B: the comparison then shows what it changes.
    const editorB = byTestId(page, 'scenario-b');
    await editorB.locator('[data-testid="section-risk"]').click();
    await editorB.locator('[data-testid="risk-exclude"]').check();
    await runComparison(page);
    const effect = byTestId(page, 'exclusion-b');
    await effect.waitFor();
    assert.ok(Number(await effect.getAttribute('data-excluded')) >= 0);
    assert.ok((await byTestId(page, 'exclusion-tier').count()) >= 4, 'customers per tier with and without');
    await shoot(page, 'compare-risk-en');

    // Both languages: reasons and names in Chinese.
    await switchLanguage(page, 'zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match(await rows.first().locator('.risk__reason').innerText(), /阈值/);
    assert.match(await byTestId(page, 'risk-panel').innerText(), /风控标记客户/);
    problems.push(...(await blocking(page, 'Compare with flagged customers (zh)')));
    await shoot(page, 'compare-risk-zh');

    // The Simulator tab offers the member list too.
    await byTestId(page, 'tab-simulator').click();
    await byTestId(page, 'member-download').waitFor();
    problems.push(...(await blocking(page, 'Simulator (zh)')));
    await switchLanguage(page, 'en');

    // Forget my data: localStorage keys of the page and the IndexedDB database are gone.
    await byTestId(page, 'tab-data').click();
    assert.match(await byTestId(page, 'kept-where').innerText(), /IndexedDB/);
    assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('tierlab.'))));
    await byTestId(page, 'forget-data-button').click();
    await byTestId(page, 'forget-confirm').click();
    await byTestId(page, 'notice-DataForgotten').waitFor();
    const left = await page.evaluate(async () => ({
      keys: Object.keys(localStorage).filter((k) => k.startsWith('tierlab.')),
      databases: (await indexedDB.databases()).map((d) => d.name),
    }));
    assert.deepEqual(left.keys, []);
    assert.ok(!left.databases.includes('tierlab'), JSON.stringify(left.databases));
    problems.push(...(await blocking(page, 'Data after forgetting (en)')));
    await shoot(page, 'data-forget-en');
    assert.deepEqual(problems, []);
  });
  await session.context.close();
});

test('a workbook with several sheets offers a sheet picker', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('operations-sheets', session, async () => {
    await waitForDataReady(page);
    const accept = await byTestId(page, 'file-input').getAttribute('accept');
    assert.match(accept, /\.xlsx/);
    // A two-sheet workbook written by the CLI's member list writer would do, but the page must read what
    // people bring: build one here with the page's own download (members.xlsx has the list and a notes sheet).
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);
    const xlsx = await download(page, 'members-xlsx');
    await byTestId(page, 'tab-data').click();
    await byTestId(page, 'file-input').setInputFiles({
      name: 'members.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx.bytes,
    });
    const picker = byTestId(page, 'sheet-select');
    await picker.waitFor({ timeout: STEP_TIMEOUT_MS });
    const sheets = await picker.locator('option').allInnerTexts();
    assert.ok(sheets.length >= 2, sheets.join(', '));
    await shoot(page, 'data-sheet-picker-en');
  });
  await session.context.close();
});
