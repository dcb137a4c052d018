// Browser benchmark (not a test): reading one transaction CSV in the same headless Chromium run with
// TierLab's worker (inspect + load), PapaParse in a worker (header + typed values) and DuckDB-Wasm
// (read_csv_auto into a table + count of distinct customers); prints each one's best time and the ratios.
//
//   cd tests/bench && npm ci            # PapaParse and DuckDB-Wasm: benchmark-only dependencies
//   (cd ../e2e && npm ci)               # Playwright, shared with the browser tests
//   node peers.mjs --file tx.csv [--worker DIR] [--baseline DIR] [--reps 3]
//
// tx.csv: `cargo run --release --example bench_ingest transactions tx.csv` (1.6M rows of 290k customers,
// 40 MB). DIR holds the worker's JS and wasm (default: dist/ after `trunk build --release`); --baseline another
// build's (an earlier release) timed in the same run. Results are
// recorded in docs/benchmarks.md.

import { copyFile, cp, link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DIST, launchBrowser } from '../e2e/helpers.mjs';
import { startServer } from '../e2e/serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, 'node_modules');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const csv = option('--file');
if (!csv) throw new Error('usage: node peers.mjs --file tx.csv [--worker DIR] [--reps N]');
const workerDir = option('--worker', DIST);
const baselineDir = option('--baseline');
const reps = Number(option('--reps', '3'));

const site = await mkdtemp(join(tmpdir(), 'tierlab-peers-'));
/** Copies a build's worker files into `folder` of the site; returns their paths there. */
async function copyWorker(dir, folder) {
  const files = await readdir(dir);
  const js = files.find((f) => /^worker(-[0-9a-f]+)?\.js$/.test(f));
  const wasm = files.find((f) => /^worker(-[0-9a-f]+)?_bg\.wasm$/.test(f));
  if (!js || !wasm) throw new Error(`no worker in ${dir}: build the site first`);
  await mkdir(join(site, folder), { recursive: true });
  await copyFile(join(dir, js), join(site, folder, js));
  await copyFile(join(dir, wasm), join(site, folder, wasm));
  return { js: `${folder}/${js}`, wasm: `${folder}/${wasm}` };
}
const builds = { tierlab: await copyWorker(workerDir, 'worker') };
if (baselineDir) builds['tierlab-baseline'] = await copyWorker(baselineDir, 'baseline');
await link(csv, join(site, 'data.csv')).catch(() => copyFile(csv, join(site, 'data.csv')));
await copyFile(join(MODULES, 'papaparse/papaparse.min.js'), join(site, 'papaparse.min.js'));
for (const module of ['@duckdb/duckdb-wasm/dist', 'apache-arrow', 'flatbuffers/mjs', 'tslib']) {
  await cp(join(MODULES, module), join(site, 'modules', module), { recursive: true });
}
// DuckDB-Wasm's browser module imports Apache Arrow (and it flatbuffers and tslib) by bare name.
const importMap = {
  imports: {
    'apache-arrow': './modules/apache-arrow/Arrow.dom.mjs',
    flatbuffers: './modules/flatbuffers/mjs/flatbuffers.js',
    tslib: './modules/tslib/tslib.es6.mjs',
  },
};
await writeFile(
  join(site, 'index.html'),
  `<!doctype html><title>peers</title><script type="importmap">${JSON.stringify(importMap)}</script>
<script src="papaparse.min.js"></script>`,
);

/** Peak resident memory of the largest browser process, sampled every 200 ms. */
async function browserMemoryMb() {
  let largest = 0;
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (!/^Name:\s*(chrom|headless)/m.test(status)) continue;
    const rss = /^VmRSS:\s*(\d+) kB/m.exec(status);
    if (rss) largest = Math.max(largest, Number(rss[1]) / 1024);
  }
  return largest;
}

const server = await startServer({ root: site });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[page] ${message.text()}`));
  await page.goto(`${server.url}index.html`);
  const runs = [];
  for (let rep = 0; rep < reps; rep += 1) {
    for (const tool of [...Object.keys(builds), 'papaparse', 'duckdb']) {
      let peak = 0;
      const sampler = setInterval(async () => (peak = Math.max(peak, await browserMemoryMb())), 200);
      const build = builds[tool] ?? {};
      const result = await page.evaluate(measure, { tool, base: server.url, js: build.js, wasm: build.wasm });
      clearInterval(sampler);
      runs.push({ ...result, peakMb: peak });
      console.error(`${tool} run ${rep + 1}: ${result.seconds.toFixed(2)} s, ${result.rows} rows, ${result.customers} customers`);
    }
  }
  const best = (tool) => runs.filter((r) => r.tool === tool).reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const [tierlab, papa, duck] = ['tierlab', 'papaparse', 'duckdb'].map(best);
  const baseline = baselineDir ? best('tierlab-baseline') : null;
  const mb = (await readFile(csv)).length / 1e6;
  console.log(`${basename(csv)}: ${mb.toFixed(1)} MB, ${tierlab.rows} rows, ${tierlab.customers} customers; best of ${reps}`);
  console.log('| reader (same headless Chromium run) | seconds | MB/s | TierLab is faster by |');
  console.log('|---|---|---|---|');
  for (const [label, run] of [
    ['TierLab worker: inspect + load', tierlab],
    ...(baseline ? [[`TierLab worker of ${baselineDir}: inspect + load`, baseline]] : []),
    ['PapaParse 5.7.1 in a worker (header, typed values)', papa],
    ['DuckDB-Wasm 1.32.0: read_csv_auto into a table + count distinct customers', duck],
  ]) {
    const ratio = run === tierlab ? '' : `${(run.seconds / tierlab.seconds).toFixed(2)}x`;
    console.log(`| ${label} | ${run.seconds.toFixed(2)} | ${(mb / run.seconds).toFixed(0)} | ${ratio} |`);
  }
  console.log(`\npeak resident memory of the largest browser process during each reader's runs: ` +
    [...Object.keys(builds), 'papaparse', 'duckdb']
      .map((t) => `${t} ${Math.max(...runs.filter((r) => r.tool === t).map((r) => r.peakMb)).toFixed(0)} MB`)
      .join(', '));
} finally {
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}

/** Runs in the page: one reader on data.csv, timed from the file in hand to the data in memory. */
async function measure({ tool, base, js, wasm }) {
  const file = await (await fetch(`${base}data.csv`)).blob();
  if (tool.startsWith('tierlab')) {
    const source = `importScripts("${base}${js}"); wasm_bindgen("${base}${wasm}");`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const answers = new Map();
    let ready;
    const started = new Promise((resolve) => (ready = resolve));
    worker.onmessage = (event) => {
      const envelope = JSON.parse(event.data);
      if (envelope.body.type === 'ready') return ready();
      if (envelope.body.type === 'progress') return;
      answers.get(envelope.job)?.(envelope.body);
    };
    await started;
    const call = (job, body, blob) =>
      new Promise((resolve) => {
        answers.set(job, resolve);
        const text = JSON.stringify({ job, body });
        worker.postMessage(blob ? [text, blob] : [text]);
      });
    const start = performance.now();
    const inspected = await call(1, { type: 'inspect', file_name: 'data.csv', options: {} }, file);
    if (inspected.type !== 'inspected') throw new Error(JSON.stringify(inspected));
    const loaded = await call(2, { type: 'load', settings: inspected.settings });
    const seconds = (performance.now() - start) / 1000;
    worker.terminate();
    if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
    return { tool, seconds, rows: loaded.summary.events, customers: loaded.summary.customers };
  }
  if (tool === 'papaparse') {
    const start = performance.now();
    const rows = await new Promise((resolve, reject) =>
      Papa.parse(file, { worker: true, header: true, dynamicTyping: true, skipEmptyLines: true, complete: (r) => resolve(r.data), error: reject }),
    );
    const customers = new Set(rows.map((r) => r.customer_id)).size;
    return { tool, seconds: (performance.now() - start) / 1000, rows: rows.length, customers };
  }
  const duckdb = await import(`${base}modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs`);
  const dist = `${base}modules/@duckdb/duckdb-wasm/dist/`;
  const worker = new Worker(`${dist}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${dist}duckdb-eh.wasm`);
  const start = performance.now();
  await db.registerFileHandle('data.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const connection = await db.connect();
  await connection.query("CREATE TABLE tx AS SELECT * FROM read_csv_auto('data.csv')");
  const counts = (await connection.query('SELECT count(*) AS n, count(DISTINCT customer_id) AS c FROM tx')).toArray()[0];
  const seconds = (performance.now() - start) / 1000;
  await connection.close();
  await db.terminate();
  worker.terminate();
  return { tool, seconds, rows: Number(counts.n), customers: Number(counts.c) };
}
