// The interface speaks English and 中文: switching changes the visible labels, and the choice survives a reload.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import {
  byTestId,
  hasChinese,
  pageSuite,
  switchLanguage,
  TEST_TIMEOUT_MS,
  withDiagnostics,
} from './helpers.mjs';

const suite = pageSuite();

test('switching to 中文 relabels the page and persists across a reload', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('language', session, async () => {
    // Labels only: this test does not need the data, so it does not wait for it.
    const compareTab = byTestId(page, 'tab-compare').first();
    await compareTab.waitFor();
    const english = (await compareTab.innerText()).trim();
    assert.ok(english.length > 0 && !hasChinese(english), `the Compare tab starts in English, shows "${english}"`);

    await switchLanguage(page, 'zh');
    await page.waitForFunction(
      () => /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="tab-compare"]')?.textContent ?? ''),
    );
    const chinese = (await compareTab.innerText()).trim();
    assert.notEqual(chinese, english);
    assert.ok(hasChinese(await byTestId(page, 'tab-data').first().innerText()), 'the Data tab is relabelled too');

    await page.reload();
    await compareTab.waitFor();
    assert.equal((await compareTab.innerText()).trim(), chinese, 'after a reload the page is still in 中文');

    await switchLanguage(page, 'en');
    await page.waitForFunction(
      (label) => document.querySelector('[data-testid="tab-compare"]')?.textContent.trim() === label,
      english,
    );
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await session.context.close();
});
