// Profiling aid (not a test): inspect + load + CLV fit of one big file in the production worker, with the
// time of every progress message (stage changes) so the steps inside a request can be told apart.
// TIERLAB_DIST=<site or worker folder> [NO_FIT=1] [JS_FLAGS=...] node tests/e2e/prof_large.mjs FILE [--v8-prof DIR]
// (--v8-prof: V8 tick logs per isolate in DIR, read with `node --prof-process`; see docs/benchmarks.md)
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DIST } from './helpers.mjs';
import { startServer } from './serve.mjs';

const file = process.argv[2];
const profAt = process.argv.indexOf('--v8-prof');
const profDir = profAt > 0 ? process.argv[profAt + 1] : null;
const site = await mkdtemp(join(tmpdir(), 'tierlab-prof-'));
await cp(DIST, site, { recursive: true });
await writeFile(join(site, 'blank.html'), '<!doctype html><title>prof</title>');
await cp(file, join(site, 'large.csv'));
const files = await readdir(DIST);
const js = files.find((f) => /^worker(-[0-9a-f]+)?\.js$/.test(f));
const wasm = files.find((f) => /^worker(-[0-9a-f]+)?_bg\.wasm$/.test(f));
const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
if (process.env.JS_FLAGS) args.push(`--js-flags=${process.env.JS_FLAGS}`);
if (profDir) args.push(`--js-flags=--prof --logfile=${profDir}/v8-%p.log --interpreted-frames-native-stack`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
const server = await startServer({ root: site });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}blank.html`);
  const out = await page.evaluate(async ({ base, js, wasm, noFit }) => {
    const source = `importScripts("${base}${js}"); wasm_bindgen("${base}${wasm}");`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const waiting = new Map();
    const log = [];
    let markReady;
    const ready = new Promise((r) => (markReady = r));
    let t0 = 0;
    let lastStage = null;
    worker.onmessage = (event) => {
      const envelope = JSON.parse(typeof event.data === 'string' ? event.data : event.data[0]);
      const body = envelope.body;
      if (body.type === 'ready') return markReady();
      if (body.type === 'progress') {
        const now = performance.now();
        if (body.stage !== lastStage || body.done === body.total) {
          log.push(`${((now - t0) / 1000).toFixed(3)} ${body.stage} ${body.done}/${body.total}`);
          lastStage = body.stage;
        }
        return;
      }
      waiting.get(envelope.job)?.(body);
    };
    await ready;
    let job = 0;
    const call = (body, f) => new Promise((resolve) => {
      job += 1;
      waiting.set(job, resolve);
      const text = JSON.stringify({ job, body });
      worker.postMessage(f ? [text, f] : [text]);
    });
    const timed = async (label, body, f) => {
      t0 = performance.now();
      lastStage = null;
      log.push(`-- ${label}`);
      const a = await call(body, f);
      log.push(`${((performance.now() - t0) / 1000).toFixed(3)} done ${label}`);
      if (a.type === 'failed') throw new Error(JSON.stringify(a.error));
      return a;
    };
    const blob = await (await fetch(`${base}large.csv`)).blob();
    const ins = await timed('inspect', { type: 'inspect', file_name: 'large.csv', options: {} }, blob);
    const loaded = await timed('load', { type: 'load', settings: ins.settings });
    const data = loaded.summary;
    if (!noFit) await timed('fit', { type: 'fit_clv', settings: { calibration_end: data.period[1], horizon_months: 12 }, publish: false });
    worker.terminate();
    return log;
  }, { base: server.url, js, wasm, noFit: Boolean(process.env.NO_FIT) });
  console.log(out.join('\n'));
} finally {
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}
