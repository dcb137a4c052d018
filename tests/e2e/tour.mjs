// A tour of every tab in English and 中文 for people to look at (not a test): full-page pictures of the Data,
// Scoring, Compare, Model lab and Simulator views after running their main jobs on the embedded sample.
// Usage: node tests/e2e/tour.mjs [out-dir]      (serves dist/; run `trunk build --release` first)

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { byTestId, launchBrowser, openPage, runComparison, SCREENSHOTS, siteUnderTest, switchLanguage, waitForDataReady } from './helpers.mjs';

const out = process.argv[2] ?? join(SCREENSHOTS, 'tour');
await mkdir(out, { recursive: true });
const site = await siteUnderTest();
const browser = await launchBrowser();
const { page, problems } = await openPage(browser, site.url);
const snap = (name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
const done = (id) => byTestId(page, id).first().waitFor({ timeout: 120_000 });

try {
  await waitForDataReady(page);
  for (const language of ['en', 'zh']) {
    if (language === 'zh') await switchLanguage(page, 'zh');
    await byTestId(page, 'tab-data').click();
    await snap(`1-data-${language}`);
    await byTestId(page, 'tab-scoring').click();
    await page.waitForTimeout(1500);
    await snap(`2-scoring-${language}`);
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);
    await snap(`3-compare-${language}`);
    await byTestId(page, 'tab-lab').click();
    await byTestId(page, 'lab-section-clv').click();
    await byTestId(page, 'clv-fit').click();
    await done('clv-tracking');
    await snap(`4-lab-clv-${language}`);
    await byTestId(page, 'lab-section-predict').click();
    await byTestId(page, 'predict-train').click();
    await done('model-lift');
    await snap(`5-lab-predict-${language}`);
    await byTestId(page, 'lab-section-segments').click();
    await byTestId(page, 'segments-run').click();
    await page.waitForTimeout(8000);
    await snap(`6-lab-segments-${language}`);
    await byTestId(page, 'tab-simulator').click();
    await byTestId(page, 'sim-run-button').click();
    await byTestId(page, 'sim-results').waitFor({ timeout: 120_000 });
    await byTestId(page, 'sim-running').waitFor({ state: 'detached', timeout: 120_000 });
    await snap(`7-simulator-${language}`);
  }
} finally {
  console.log(JSON.stringify(problems));
  await browser.close();
  await site.close();
}
