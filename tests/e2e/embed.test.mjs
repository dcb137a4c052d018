// Embedding: the built site inside another site's page, in a plain cross-origin iframe and in a sandboxed one
// without allow-same-origin (an opaque origin: no storage, every file fetched with CORS). The site is served on
// one origin (with Access-Control-Allow-Origin: *, as GitHub Pages and most CDNs send), the host page on another.
// Each frame must start the worker (the sample loads and compares), be styled, and show the compact header of
// ?embed=1; the sandboxed one must say once that nothing is kept. Without CORS the sandboxed frame cannot load
// TierLab's files at all, and must then say why and what to change instead of blaming the browser.
// Also: every built file carries a content hash, the worker's too.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DIST, launchBrowser, SCREENSHOTS, STEP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './helpers.mjs';
import { startServer } from './serve.mjs';

let browser;
let site;
let siteWithoutCors;
let host;

/** A host page server on its own origin: /frame?src=URL&sandbox=... answers a page with one iframe. */
async function startHost() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const src = url.searchParams.get('src') ?? '';
    const sandbox = url.searchParams.get('sandbox');
    const attr = sandbox === null ? '' : ` sandbox="${sandbox}"`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host wiki page</title></head>
<body style="margin:0;font-family:serif;background:#fff"><h1 style="font-size:16px;margin:8px">A wiki page embedding TierLab</h1>
<iframe id="tierlab" title="TierLab"${attr} src="${src}" style="width:1280px;height:1000px;border:1px solid #999"></iframe>
</body></html>`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/frame`,
    close: () => new Promise((ok) => { server.close(() => ok()); server.closeAllConnections?.(); }),
  };
}

before(async () => {
  site = await startServer({ root: DIST, cors: true });
  siteWithoutCors = await startServer({ root: DIST });
  host = await startHost();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await siteWithoutCors?.close();
  await host?.close();
});

function hostUrl(src, sandbox) {
  const query = new URLSearchParams({ src });
  if (sandbox !== undefined) query.set('sandbox', sandbox);
  return `${host.url}?${query}`;
}

async function openHost(src, sandbox) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1320, height: 1080 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(hostUrl(src, sandbox));
  const frame = page.frameLocator('#tierlab');
  return { context, page, frame, errors };
}

async function shoot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Loaded (the worker ran the sample and a comparison) and styled (the stylesheet's rules apply). */
async function assertWorks(frame) {
  await frame.locator('[data-testid="data-ready"][data-customers]').first().waitFor({ state: 'attached' });
  const customers = Number(await frame.locator('[data-testid="data-ready"]').first().getAttribute('data-customers'));
  assert.ok(customers > 0, `customers: ${customers}`);
  const style = await frame.locator('body').evaluate((body) => {
    const computed = getComputedStyle(body);
    const card = document.querySelector('.card');
    return {
      background: computed.backgroundColor,
      font: computed.fontFamily,
      cardRadius: card ? getComputedStyle(card).borderTopLeftRadius : null,
      embed: document.querySelector('.app')?.classList.contains('app--embed') ?? false,
      tagline: (() => {
        const t = document.querySelector('.brand__tagline');
        return t ? getComputedStyle(t).display : null;
      })(),
    };
  });
  // The stylesheet's --bg and system font stack (unstyled would be white and the browser's default serif).
  assert.equal(style.background, 'rgb(244, 246, 250)', 'the stylesheet applies');
  assert.match(style.font, /Segoe UI|Roboto|sans-serif/);
  assert.equal(style.cardRadius, '10px');
  assert.equal(style.embed, true, '?embed=1 gives the compact header');
  assert.equal(style.tagline, 'none', 'the compact header hides the tagline');
  // The worker computes: a comparison from the Compare tab.
  await frame.locator('[data-testid="tab-compare"]').click();
  await frame.locator('[data-testid="run-compare"]').click();
  await frame.locator('[data-testid="results"]').first().waitFor();
  const revenue = Number(await frame.locator('[data-testid="kpi-a-revenue"]').first().getAttribute('data-value'));
  assert.ok(revenue > 0, `revenue ${revenue}`);
  return customers;
}

test('every built file carries a content hash, the worker and its wasm too', () => {
  const files = readdirSync(DIST).filter((name) => name !== 'index.html');
  assert.ok(files.length >= 6, files.join(', '));
  for (const name of files) assert.match(name, /-[0-9a-f]{15,16}(_bg)?\.[a-z]+$/, `${name} has no content hash`);
  assert.ok(!existsSync(join(DIST, 'worker.js')) && !existsSync(join(DIST, 'worker_bg.wasm')));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const script = /<meta name="tierlab-worker" content="([^"]+)"/.exec(html)?.[1];
  const wasm = /<meta name="tierlab-worker-wasm" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(script && existsSync(join(DIST, script)), `worker script ${script}`);
  assert.ok(wasm && existsSync(join(DIST, wasm)), `worker wasm ${wasm}`);
  // The stylesheet's integrity check works on a CORS request (sandboxed frames make every request one).
  assert.match(html, /<link rel="stylesheet"[^>]*crossorigin="anonymous"/);
});

test('a plain cross-origin iframe: loaded, styled, computing, compact header', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, frame, errors } = await openHost(`${site.url}?embed=1`);
  try {
    await assertWorks(frame);
    assert.equal(await frame.locator('[data-testid="notice-NoStorage"]').count(), 0, 'storage works here');
    await shoot(page, 'embed-iframe-cross-origin');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a sandboxed iframe without allow-same-origin, host with CORS: works without storage and says so once', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, frame, errors } = await openHost(`${site.url}?embed=1`, 'allow-scripts allow-downloads');
  try {
    const origin = await frame.locator('body').evaluate(() => self.origin);
    assert.equal(origin, 'null', 'an opaque origin');
    await assertWorks(frame);
    await frame.locator('[data-testid="tab-data"]').click();
    const notices = frame.locator('[data-testid="notice-NoStorage"]');
    assert.equal(await notices.count(), 1, 'said once');
    assert.match(await notices.innerText(), /cannot keep anything/);
    // Nothing to forget either: the Data tab says so instead of offering the control.
    assert.match(await frame.locator('[data-testid="kept-where"]').innerText(), /cannot keep anything/);
    assert.equal(await frame.locator('[data-testid="forget-data-button"]').count(), 0);
    await shoot(page, 'embed-iframe-sandboxed');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a sandboxed iframe whose host sends no CORS headers: the page says why and what to change', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, frame } = await openHost(`${siteWithoutCors.url}?embed=1`, 'allow-scripts');
  try {
    const failed = frame.locator('[data-testid="boot-failed"]');
    await failed.waitFor({ timeout: 30_000 });
    const text = await failed.innerText();
    assert.match(text, /sandboxed iframe without allow-same-origin/);
    assert.match(text, /Access-Control-Allow-Origin: \*/);
    assert.match(text, /沙盒 iframe/);
    assert.doesNotMatch(text, /current Chrome/);
    await shoot(page, 'embed-iframe-sandboxed-no-cors');
  } finally {
    await context.close();
  }
});
