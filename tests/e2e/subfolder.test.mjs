// Hosting: the built site must work from any subfolder of a static host (relative asset and worker URLs), and
// must never fetch anything from another origin (the data stays in the browser; the page works offline).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  byTestId,
  dataValue,
  DIST,
  launchBrowser,
  openPage,
  runComparison,
  TEST_TIMEOUT_MS,
  waitForDataReady,
  withDiagnostics,
} from './helpers.mjs';
import { startServer } from './serve.mjs';

const PREFIX = '/sub/app/';
let browser;
let server;

before(async () => {
  // Only /sub/app/ exists on this server: an absolute asset path (/app.js) gets a 404 and is recorded.
  server = await startServer({ root: DIST, prefix: PREFIX });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the site loads its sample and compares when served from /sub/app/, with no request outside it', { timeout: TEST_TIMEOUT_MS }, async () => {
  const session = await openPage(browser, server.url);
  const { page, problems } = session;
  await withDiagnostics('subfolder', session, async () => {
    const customers = await waitForDataReady(page);
    assert.ok(customers > 0);

    // The comparison runs in the Web Worker, so this also proves the worker script loads from the subfolder.
    await byTestId(page, 'tab-compare').click();
    await runComparison(page);
    assert.ok((await dataValue(byTestId(page, 'results'), 'kpi-a-revenue')) > 0, 'scenario A revenue');

    assert.deepEqual(problems.foreignRequests, [], 'requests to other origins');
    assert.deepEqual(problems.badResponses, [], 'responses with an error status');
    assert.deepEqual(problems.failedRequests, [], 'requests that failed');
    assert.deepEqual(problems.pageErrors, [], 'uncaught errors in the page');
    // Chromium asks for /favicon.ico by itself when the page declares no icon; that is the browser, not the page.
    const outside = server.outsidePrefix.filter((path) => path !== '/favicon.ico');
    assert.deepEqual(outside, [], `requests outside ${PREFIX}`);
    assert.deepEqual(server.notFound.filter((path) => path !== '/favicon.ico'), [], 'requests answered 404');
    assert.ok(server.requests.some((path) => path.endsWith('.wasm')), 'the page loaded its wasm from the subfolder');
  });
  await session.context.close();
});
