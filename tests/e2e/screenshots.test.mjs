// Pictures of the Data and Compare views in English and 中文 for people to look at (tests/e2e/screenshots/,
// git-ignored). The test checks the views render; the pictures are for review.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';

import {
  byTestId,
  pageSuite,
  runComparison,
  SCREENSHOTS,
  switchLanguage,
  TEST_TIMEOUT_MS,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';

const suite = pageSuite();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

async function capture(page, name) {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  assert.ok((await stat(path)).size > 10_000, `${name}.png looks empty`);
}

test('screenshots of the Data and Compare views in English and 中文', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await suite.open();
  const { page } = session;
  await withDiagnostics('screenshots', session, async () => {
    await waitForDataReady(page);
    for (const language of ['en', 'zh']) {
      if (language === 'zh') await switchLanguage(page, 'zh');
      await byTestId(page, 'tab-data').click();
      await byTestId(page, 'drop-zone').first().waitFor();
      await capture(page, `data-${language}`);
      await byTestId(page, 'tab-compare').click();
      await runComparison(page);
      await capture(page, `compare-${language}`);
    }
    assert.deepEqual(session.problems.pageErrors, [], 'uncaught errors in the page');
  });
  await session.context.close();
});
