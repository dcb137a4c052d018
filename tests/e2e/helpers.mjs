// Shared pieces of the browser end-to-end tests: the browser, the site under test, the CLI, and the page's
// `data-testid` contract (see README "Testing").
//
// Environment (all optional; scripts/test.sh sets them):
//   TIERLAB_BASE_URL  URL of an already running static server for dist/ (else each test file starts its own)
//   TIERLAB_DIST      the built site (default: <repo>/dist)
//   TIERLAB_BIN       the native CLI (default: <repo>/target/debug/tierlab, then target/release/tierlab)
//   TIERLAB_CHROMIUM  the browser (default: /usr/bin/chromium)

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(E2E_DIR, '../..');
export const DIST = process.env.TIERLAB_DIST ?? join(REPO_ROOT, 'dist');
export const SCREENSHOTS = join(E2E_DIR, 'screenshots');
const CHROMIUM = process.env.TIERLAB_CHROMIUM ?? '/usr/bin/chromium';

/** Generous: the compute runs in wasm inside a Web Worker on a 2-core machine shared with builds. */
export const STEP_TIMEOUT_MS = 60_000;
export const TEST_TIMEOUT_MS = 300_000;

// Headless Chromium in a closed network: no sandbox as root, and none of the background traffic (updates,
// sync, safe browsing) that would otherwise hang on the missing internet.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
];

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: run scripts/test.sh (it installs Debian's chromium) or set TIERLAB_CHROMIUM`);
  }
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: runningAsRoot ? ['--no-sandbox', ...CHROMIUM_ARGS] : CHROMIUM_ARGS,
  });
}

/**
 * The URL of the site under test. Uses TIERLAB_BASE_URL when a server is already running, otherwise serves
 * dist/ from this process. Returns { url, close }.
 */
export async function siteUnderTest() {
  const given = process.env.TIERLAB_BASE_URL;
  if (given) return { url: given.endsWith('/') ? given : `${given}/`, close: async () => {} };
  const server = await startServer({ root: DIST });
  return { url: server.url, close: server.close };
}

/**
 * A fresh browser context (its own storage, English locale) and page, with the page's problems recorded:
 * uncaught errors, console errors, failed requests, and requests to any other origin (blocked: the app must
 * never talk to the network beyond its own files).
 */
export async function openPage(browser, url) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  const origin = new URL(url).origin;
  const problems = { pageErrors: [], consoleErrors: [], failedRequests: [], foreignRequests: [], badResponses: [] };
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith('data:') || target.startsWith('blob:') || new URL(target).origin === origin) {
      return route.continue();
    }
    problems.foreignRequests.push(target);
    return route.abort('blockedbyclient');
  });
  context.on('requestfailed', (request) => {
    problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.badResponses.push(`${response.status()} ${response.url()}`);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  await page.goto(url);
  return { context, page, problems };
}

/** Runs the test body; on failure saves a screenshot and adds what the page complained about to the error. */
export async function withDiagnostics(name, session, body) {
  try {
    await body();
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, `failure-${name}.png`);
    await session.page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    const p = session.problems;
    const details = [
      `\n  screenshot: ${shot}`,
      `  page errors: ${JSON.stringify(p.pageErrors)}`,
      `  console errors: ${JSON.stringify(p.consoleErrors.slice(-10))}`,
      `  failed requests: ${JSON.stringify(p.failedRequests)}`,
      `  error responses: ${JSON.stringify(p.badResponses)}`,
    ].join('\n');
    // Reporters print the stack, which was captured with the original message: extend both.
    error.message += details;
    if (typeof error.stack === 'string') error.stack += details;
    throw error;
  }
}

// ---- the CLI ----------------------------------------------------------------------------------------------

export function cliPath() {
  const candidates = [
    process.env.TIERLAB_BIN,
    join(REPO_ROOT, 'target/debug/tierlab'),
    join(REPO_ROOT, 'target/release/tierlab'),
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no tierlab CLI at ${candidates.join(' or ')}: run 'cargo build --bin tierlab'`);
  return found;
}

const execFileAsync = promisify(execFile);

/** Runs `tierlab ARGS...` and returns its stdout; a failure carries the CLI's own message. */
export async function tierlab(...args) {
  const bin = cliPath();
  try {
    const { stdout } = await execFileAsync(bin, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`'tierlab ${args.join(' ')}' failed (exit ${error.code}): ${error.stderr || error.message}`);
  }
}

// ---- the page's contract ----------------------------------------------------------------------------------

export const byTestId = (scope, id) => scope.locator(`[data-testid="${id}"]`);

/**
 * Elements whose test id is `${prefix}${index}` (or `${prefix}${i}-${j}`), ordered by their numeric suffix,
 * whatever the first index is. Returns [{ indices: [..], locator }].
 */
export async function indexedTestIds(scope, prefix) {
  const ids = await scope
    .locator(`[data-testid^="${prefix}"]`)
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-testid')));
  const pattern = new RegExp(`^${prefix.replace(/[-]/g, '\\-')}(\\d+(?:-\\d+)*)$`);
  return ids
    .map((id) => ({ id, match: pattern.exec(id) }))
    .filter(({ match }) => match)
    .map(({ id, match }) => ({ id, indices: match[1].split('-').map(Number), locator: byTestId(scope, id) }))
    .sort((x, y) => x.indices.reduce((order, value, k) => order || value - y.indices[k], 0));
}

/** Waits until a dataset is loaded and returns its customer count (from `data-ready[data-customers]`). */
export async function waitForDataReady(page, { customers } = {}) {
  const selector =
    customers === undefined
      ? '[data-testid="data-ready"][data-customers]'
      : `[data-testid="data-ready"][data-customers="${customers}"]`;
  await page.locator(selector).first().waitFor({ state: 'attached' });
  const value = await page.locator('[data-testid="data-ready"]').first().getAttribute('data-customers');
  const count = Number(value);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`data-ready reports data-customers="${value}"`);
  return count;
}

/**
 * Puts a file into `file-input` and waits for the page to finish inspecting it: either a NEW preview (the sample's
 * preview may already be on screen) that has stopped changing, or a visible `error-banner`.
 * Returns the banner's text, or null when the file was inspected without error.
 */
export async function uploadFile(page, file) {
  const snapshot = () =>
    page.evaluate(() => document.querySelector('[data-testid="preview-table"]')?.innerHTML ?? null);
  const previous = await snapshot();
  await byTestId(page, 'file-input').first().setInputFiles(file);
  await page.waitForFunction(
    (before) => {
      const banner = document.querySelector('[data-testid="error-banner"]');
      if (banner && banner.checkVisibility() && banner.textContent.trim() !== '') return true;
      const table = document.querySelector('[data-testid="preview-table"]');
      return table != null && table.innerHTML !== before;
    },
    previous,
    { timeout: STEP_TIMEOUT_MS },
  );
  const banner = byTestId(page, 'error-banner').first();
  if (await banner.isVisible()) return (await banner.innerText()).trim();
  let current = await snapshot();
  for (;;) {
    await page.waitForTimeout(500);
    const again = await snapshot();
    if (again === current) return null;
    current = again;
  }
}

export async function currentJob(page) {
  const results = byTestId(page, 'results');
  return (await results.count()) > 0 ? results.first().getAttribute('data-job') : null;
}

/**
 * Clicks `run-compare` and waits for the results of a NEW comparison, then until the job id stays put (so an
 * auto-run started by an earlier edit cannot be mistaken for the final one). Returns the job id.
 */
export async function runComparison(page) {
  const before = await currentJob(page);
  await byTestId(page, 'run-compare').click();
  await page.waitForFunction(
    (previous) => {
      const job = document.querySelector('[data-testid="results"]')?.getAttribute('data-job');
      return job != null && job !== '' && job !== previous;
    },
    before,
    { timeout: STEP_TIMEOUT_MS },
  );
  let job = await currentJob(page);
  for (;;) {
    await page.waitForTimeout(750);
    const again = await currentJob(page);
    const busy =
      (await byTestId(page, 'job-cancel').first().isVisible().catch(() => false)) ||
      (await byTestId(page, 'results').first().getAttribute('aria-busy').catch(() => null)) === 'true';
    if (again === job && !busy) return job;
    job = again;
  }
}

/** The `data-value` of one element as a number; fails on anything that is not a finite number. */
export async function dataValue(scope, id) {
  const element = byTestId(scope, id);
  if ((await element.count()) === 0) throw new Error(`no element with data-testid="${id}"`);
  const raw = await element.first().getAttribute('data-value');
  const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`data-testid="${id}" has data-value="${raw}", not a number`);
  return value;
}

/** Switches the UI language through `language-switch`, whether it is a <select> or buttons/links. */
export async function switchLanguage(page, language) {
  const labels = { zh: /中文|zh/i, en: /english|^en\b/i };
  const control = byTestId(page, 'language-switch').first();
  const tag = await control.evaluate((element) => element.tagName);
  if (tag === 'SELECT') {
    const options = await control
      .locator('option')
      .evaluateAll((list) => list.map((o) => ({ value: o.value, text: o.textContent.trim() })));
    const option = options.find((o) => labels[language].test(o.text) || labels[language].test(o.value));
    if (!option) throw new Error(`language-switch has no option for ${language}: ${JSON.stringify(options)}`);
    await control.selectOption(option.value);
    return;
  }
  const choice = control.getByText(labels[language]);
  if ((await choice.count()) > 0) {
    await choice.first().click();
  } else {
    // A single toggle button: click it until its language is on.
    await control.click();
  }
}

export const hasChinese = (text) => /[\u4e00-\u9fff]/.test(text);

/**
 * The set-up every page test file shares: the site under test and one browser for the whole file, and, with
 * `scratch`, a temporary folder for files the test writes (removed afterwards). `open()` opens the page in
 * a fresh context; `file(name)` is a path in the scratch folder; `finally` runs after the browser closes.
 */
export function pageSuite({ scratch = null, finally: cleanUp = null } = {}) {
  const suite = {
    browser: null,
    site: null,
    workDir: null,
    open: (url = suite.site.url) => openPage(suite.browser, url),
    file: (name) => join(suite.workDir, name),
  };
  before(async () => {
    if (scratch) suite.workDir = await mkdtemp(join(tmpdir(), `tierlab-e2e-${scratch}-`));
    suite.site = await siteUnderTest();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.site?.close();
    if (suite.workDir) await rm(suite.workDir, { recursive: true, force: true });
    await cleanUp?.();
  });
  return suite;
}
