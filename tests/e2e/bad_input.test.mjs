// A wrong file must produce a clear message and leave the data already loaded untouched and usable.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  byTestId,
  dataValue,
  launchBrowser,
  openPage,
  runComparison,
  siteUnderTest,
  TEST_TIMEOUT_MS,
  uploadFile,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

let browser;
let site;

before(async () => {
  site = await siteUnderTest();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** The first bytes of a real .xlsx (a ZIP archive) followed by binary noise: not a CSV in any encoding. */
function fakeWorkbook() {
  const bytes = Buffer.alloc(4096);
  Buffer.from('PK\x03\x04', 'latin1').copy(bytes, 0);
  for (let i = 4; i < bytes.length; i += 1) bytes[i] = (i * 131 + 7) % 256;
  return bytes;
}

test('uploading a workbook instead of a CSV shows an error and keeps the loaded data', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await openPage(browser, site.url);
  const { page } = session;
  await withDiagnostics('bad-input', session, async () => {
    const customers = await waitForDataReady(page);
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);
    const results = byTestId(page, 'results');
    const revenueBefore = await dataValue(results, 'kpi-a-revenue');

    await byTestId(page, 'tab-data').click();
    const message = await uploadFile(page, {
      name: 'customers.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fakeWorkbook(),
    });
    assert.ok(message !== null, 'the page shows an error-banner for a workbook');
    assert.ok(message.length >= 10, `the error banner should explain the problem, shows "${message}"`);

    assert.equal(await waitForDataReady(page), customers, 'the dataset loaded before is still loaded');
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);
    assert.equal(await dataValue(results, 'kpi-a-revenue'), revenueBefore, 'the same data gives the same revenue');
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await session.context.close();
});
