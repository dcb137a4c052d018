// A wrong file must produce a clear message and leave the data already loaded untouched and usable.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  byTestId,
  dataValue,
  pageSuite,
  runComparison,
  TEST_TIMEOUT_MS,
  uploadFile,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const suite = pageSuite();

/** The first bytes of a real .xlsx (a ZIP archive) followed by binary noise: not a CSV in any encoding. */
function fakeWorkbook() {
  const bytes = Buffer.alloc(4096);
  Buffer.from('PK\x03\x04', 'latin1').copy(bytes, 0);
  for (let i = 4; i < bytes.length; i += 1) bytes[i] = (i * 131 + 7) % 256;
  return bytes;
}

test('uploading a workbook instead of a CSV shows an error and keeps the loaded data', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
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

test('US and European exports: the date order and decimal mark are read from the file and can be switched', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('date-order', session, async () => {
    await waitForDataReady(page);
    await byTestId(page, 'tab-data').click();
    // 3/15 tells month first; three customers, four purchases.
    const csv = 'customer_id,order_date,amount\nA,3/15/2026,10\nA,4/1/2026 9:30,20\nB,12/31/2025,5\nC,1/2/2026,7\n';
    const error = await uploadFile(page, { name: 'us.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    assert.equal(error, null);
    assert.equal(await byTestId(page, 'date-order-select').inputValue(), 'month_first');
    assert.equal(await byTestId(page, 'column-type-1').getAttribute('data-type'), 'DateTime');
    await byTestId(page, 'apply-load').click();
    assert.equal(await waitForDataReady(page, { customers: 3 }), 3);
    assert.equal(await byTestId(page, 'error-banner').count(), 0);

    // Read day first, 3/15 and 12/31 are no dates: the date column turns to text and the dates go missing.
    await byTestId(page, 'date-order-select').selectOption('day_first');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="column-type-1"]')?.dataset.type === 'Text',
      null,
      { timeout: 30_000 },
    );
    assert.equal(await byTestId(page, 'date-order-select').inputValue(), 'day_first');

    // A European export: semicolons, day-first dates, decimal commas (1.234,50 = 1234.5).
    const european = 'kunde;datum;betrag\nA;15.03.2026;1.234,50\nA;01.04.2026;12,5\nB;31.12.2025;5\n';
    assert.equal(await uploadFile(page, { name: 'eu.csv', mimeType: 'text/csv', buffer: Buffer.from(european) }), null);
    assert.equal(await byTestId(page, 'date-order-select').inputValue(), 'day_first');
    assert.equal(await byTestId(page, 'decimal-select').inputValue(), 'comma');
    assert.equal(await byTestId(page, 'column-type-2').getAttribute('data-type'), 'Decimal');
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await session.context.close();
});
