// Browser benchmark (not a test): drives the production worker (dist/worker-*.js) in headless Chromium
// over its JSON protocol and times each request with performance.now() inside the page.
// Run: node tests/e2e/bench.mjs [--quick]   (after trunk build --release; prints a markdown table)
//      node tests/e2e/bench.mjs --large FILE   (only FILE, a transaction log such as CDNOW x 100 from
//      `python python/scripts/cdnow_times.py 100 cdnow100.csv`: inspect + load + BG/NBD and Gamma-Gamma fit +
//      simulation of 12 months x 10 futures, and the browser's peak memory)
//      node tests/e2e/bench.mjs --pool=N       the simulation split over N workers, as the page does it (one run
//                                              per N, so the peak memory is that of N workers)
//      node tests/e2e/bench.mjs --startup      download sizes, time to an interactive page and to the sample loaded
// Results are recorded in docs/benchmarks.md.

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DIST, launchBrowser, tierlab } from './helpers.mjs';
import { startServer } from './serve.mjs';

const quick = process.argv.includes('--quick');
// Only the simulation on the 100k sample, in a fresh browser: its own peak memory.
const simulationOnly = process.argv.includes('--simulation-only');
// Only the scheme optimiser on the 20k sample (the target: under a minute in the browser).
const optimiserOnly = process.argv.includes('--optimiser-only');
const size = (full, small) => (quick ? small : full);
const largeAt = process.argv.indexOf('--large');
const largeFile = largeAt > 0 ? process.argv[largeAt + 1] : null;
// `--pool=N`: the 100k simulation on N workers, split by replications and finished on the first.
const poolArg = process.argv.find((a) => a.startsWith('--pool='));
const poolWorkers = poolArg ? Number(poolArg.slice('--pool='.length)) : null;
const startup = process.argv.includes('--startup');

/** A seeded transaction log (id,date,amount) of `customers` BG/NBD-like buyers: ~2.8 purchases each. */
function transactions(customers, seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const lines = ['customer_id,order_date,amount'];
  const start = Date.UTC(2024, 0, 1);
  const day = 86_400_000;
  for (let c = 0; c < customers; c += 1) {
    let t = start + Math.floor(uniform() * 365) * day;
    const rate = -Math.log(uniform()) * 0.02; // purchases per day, exponential across customers
    const dropout = 0.1 + 0.4 * uniform();
    // Customers differ in what they usually spend (Gamma-Gamma needs that heterogeneity).
    const usual = 30 + 250 * uniform() * uniform();
    for (;;) {
      const amount = usual * (-Math.log(uniform()) - Math.log(uniform()) - Math.log(uniform())) / 3;
      lines.push(`C${c},${new Date(t).toISOString().slice(0, 10)},${amount.toFixed(2)}`);
      if (uniform() < dropout) break;
      t += Math.ceil(-Math.log(uniform()) / Math.max(rate, 1e-4)) * day;
      if (t > start + 729 * day) break;
    }
  }
  return lines.join('\n') + '\n';
}

const site = await mkdtemp(join(tmpdir(), 'tierlab-bench-'));
await cp(DIST, site, { recursive: true });
await writeFile(join(site, 'blank.html'), '<!doctype html><title>bench</title>');
const eventsFile = join(site, 'events.csv');
await tierlab('sample', '--customers', String(size(54000, 5000)), '--seed', '1', '--out', eventsFile);
await writeFile(join(site, 'clv.csv'), transactions(size(250000, 20000), 7));
if (largeFile) await cp(largeFile, join(site, 'large.csv'));
const template = JSON.parse(await tierlab('scenario-template'));
const templateB = JSON.parse(await tierlab('scenario-template', '--b'));
const files = await readdir(DIST);
const workerJs = files.find((f) => /^worker(-[0-9a-f]+)?\.js$/.test(f));
const workerWasm = files.find((f) => /^worker(-[0-9a-f]+)?_bg\.wasm$/.test(f));
if (!workerJs || !workerWasm) throw new Error(`no worker in ${DIST}: build the site first`);

/** Peak resident memory of the browser's processes (the worker runs in a renderer), sampled every 200 ms. */
async function browserMemoryMb() {
  let total = 0;
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (!/^Name:\s*(chrom|headless)/m.test(status)) continue;
    const rss = /^VmRSS:\s*(\d+) kB/m.exec(status);
    if (rss) total = Math.max(total, Number(rss[1]) / 1024);
  }
  return total;
}
let peakMb = 0;
const sampler = setInterval(async () => {
  peakMb = Math.max(peakMb, await browserMemoryMb());
}, 200);

const server = await startServer({ root: site });
const browser = await launchBrowser();
try {
  if (poolWorkers) {
    await poolBenchmark(poolWorkers);
  } else if (startup) {
    await startupBenchmark();
  } else {
    await mainBenchmark();
  }
} finally {
  clearInterval(sampler);
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}

/** The same B as the main run and examples/bench_simulate.rs. */
function schemeB() {
  const b = structuredClone(template);
  b.name = 'B';
  b.tiers.window = { kind: 'rolling_months', months: 12 };
  b.tiers.downgrade = { evaluation: 'quarterly', grace_evaluations: 1, step: 'one_tier' };
  b.benefits[3].discount_percent = 12;
  return b;
}

/**
 * The page's pool, driven over the protocol: N production workers each load the 100k sample, then the simulation
 * is split by replications (contiguous shares, as crate::session::pool::split): the first worker fits the no-program
 * baseline (`fit_baseline`) and every other share carries it (`baseline`), so the helpers rebuild it instead of
 * fitting it; each share is simulated on its own worker, and the first worker finishes the job from the shares. Run
 * twice: the first run also fits the baseline (on the first worker) and rebuilds it on the others. Prints the margin difference B - A so runs with different N can be checked for equal numbers.
 */
async function poolBenchmark(workers) {
  const page = await browser.newPage();
  await page.goto(`${server.url}blank.html`);
  const { rows, margin } = await page.evaluate(
    async ({ base, js, wasm, schemes, customers, workers }) => {
      const start = () =>
        new Promise((resolveStart) => {
          const source = `importScripts("${base}${js}"); wasm_bindgen("${base}${wasm}");`;
          const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          const waiting = new Map();
          let job = 0;
          const call = (body) =>
            new Promise((resolve, reject) => {
              job += 1;
              waiting.set(job, (answer) => (answer.type === 'failed' ? reject(new Error(JSON.stringify(answer.error))) : resolve(answer)));
              worker.postMessage([JSON.stringify({ job, body })]);
            });
          worker.onmessage = (event) => {
            const envelope = JSON.parse(event.data);
            if (envelope.body.type === 'ready') return resolveStart({ call, worker });
            if (envelope.body.type === 'progress') return;
            waiting.get(envelope.job)?.(envelope.body);
            waiting.delete(envelope.job);
          };
        });
      const out = [];
      const timed = async (label, run) => {
        const t = performance.now();
        const answer = await run();
        out.push({ label, seconds: (performance.now() - t) / 1000 });
        return answer;
      };
      const pool = await timed(`start ${workers} worker(s)`, () => Promise.all(Array.from({ length: workers }, start)));
      await timed(`generate + load the ${customers}-customer sample in each worker (in parallel)`, () =>
        Promise.all(pool.map((w) => w.call({ type: 'load_sample', customers, seed: 42 }))),
      );
      const settings = { months: 24, replications: 20, seed: 7 };
      const shares = [];
      for (let i = 0, from = 0; i < workers; i += 1) {
        const length = Math.floor(20 / workers) + (i < 20 % workers ? 1 : 0);
        shares.push({ start: from, end: from + length });
        from += length;
      }
      const simulate = async () => {
        if (workers === 1) return pool[0].call({ type: 'simulate', schemes, reference: 0, settings });
        const { baseline } = await pool[0].call({ type: 'fit_baseline', settings });
        const parts = await Promise.all(
          shares.map((replications, i) =>
            pool[i].call({ type: 'simulate_part', schemes, reference: 0, settings, replications, ...(i > 0 ? { baseline } : {}) }),
          ),
        );
        const sums = parts.flatMap((p) => p.sums);
        return pool[0].call({ type: 'finish_simulation', schemes, reference: 0, settings, sums });
      };
      const label = `simulate ${customers} customers x 24 months x (A, B, none) x 20 replications on ${workers} worker(s)`;
      await timed(`${label}, first run (fits the baseline once)`, simulate);
      const answer = await timed(`${label}, again`, simulate);
      for (const { worker } of pool) worker.terminate();
      const margin = answer.result.comparisons[0].difference.find((d) => d.kpi === 'margin').spread;
      return { rows: out, margin };
    },
    { base: server.url, js: workerJs, wasm: workerWasm, schemes: [template, schemeB()], customers: size(100000, 5000), workers },
  );
  printRows(rows);
  console.log(`\nB - A margin: mean ${margin.mean}, 90 % [${margin.low90}, ${margin.high90}] (must not depend on the worker count)`);
}

/** gzip -9 size of a file, as a static host would send it. */
async function gzipped(file) {
  const { gzipSync } = await import('node:zlib');
  return gzipSync(await readFile(file), { level: 9 }).length;
}

/**
 * What the visitor downloads and waits for: each wasm file raw and gzipped; then, in three fresh browser contexts
 * (no cache), the time from navigation to the first rendered tab (an interactive page) and to the sample loaded
 * (the data-ready marker), as the page's own clock (performance.now() from navigation start) reads it.
 */
async function startupBenchmark() {
  console.log('| file | raw KB | gzip -9 KB |');
  console.log('|---|---|---|');
  for (const file of files.filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort()) {
    const path = join(DIST, file);
    const raw = (await readFile(path)).length;
    console.log(`| ${file} | ${(raw / 1024).toFixed(0)} | ${((await gzipped(path)) / 1024).toFixed(0)} |`);
  }
  const rows = [];
  for (let round = 0; round < 3; round += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`);
    await page.locator('[data-testid="tab-data"]').waitFor();
    const interactive = await page.evaluate(() => performance.now());
    await page.locator('[data-testid="data-ready"][data-customers]').first().waitFor({ state: 'attached' });
    const loaded = await page.evaluate(() => performance.now());
    rows.push({ interactive, loaded });
    await context.close();
  }
  const median = (values) => values.sort((x, y) => x - y)[1];
  printRows([
    { label: 'interactive page (first tab rendered), median of 3 cold loads', seconds: median(rows.map((r) => r.interactive)) / 1000 },
    { label: 'sample (20,000 customers) loaded, median of 3 cold loads', seconds: median(rows.map((r) => r.loaded)) / 1000 },
  ]);
}

function printRows(rows) {
  console.log('| step | seconds in headless Chromium |');
  console.log('|---|---|');
  for (const row of rows) console.log(`| ${row.label} | ${row.seconds === null ? '' : row.seconds.toFixed(2)} |`);
  console.log(`\npeak resident memory of the largest browser process: ${peakMb.toFixed(0)} MB`);
}

async function mainBenchmark() {
  const page = await browser.newPage();
  await page.goto(`${server.url}blank.html`);
  const rows = await page.evaluate(
    async ({ base, js, wasm, template, templateB, sizes }) => {
      const source = `importScripts("${base}${js}"); wasm_bindgen("${base}${wasm}");`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const waiting = new Map();
      let markReady;
      const ready = new Promise((resolve) => (markReady = resolve));
      worker.onmessage = (event) => {
        const envelope = JSON.parse(event.data);
        if (envelope.body.type === 'ready') return markReady();
        if (envelope.body.type === 'progress') return;
        waiting.get(envelope.job)?.(envelope.body);
        waiting.delete(envelope.job);
      };
      await ready;
      let job = 0;
      const call = (body, file) =>
        new Promise((resolve) => {
          job += 1;
          waiting.set(job, resolve);
          const text = JSON.stringify({ job, body });
          worker.postMessage(file ? [text, file] : [text]);
        });
      const out = [];
      const timed = async (label, body, file) => {
        const start = performance.now();
        const answer = await call(body, file);
        const seconds = (performance.now() - start) / 1000;
        if (answer.type === 'failed') throw new Error(`${label}: ${JSON.stringify(answer.error)}`);
        out.push({ label, seconds });
        return answer;
      };
      const load = async (label, url) => {
        const file = await (await fetch(url)).blob();
        const inspected = await timed(`inspect ${label}`, { type: 'inspect', file_name: url, options: {} }, file);
        const loaded = await timed(`load ${label}`, { type: 'load', settings: inspected.settings });
        return loaded.summary;
      };
      const b = structuredClone(template);
      b.name = 'B';
      b.tiers.window = { kind: 'rolling_months', months: 12 };
      b.tiers.downgrade = { evaluation: 'quarterly', grace_evaluations: 1, step: 'one_tier' };
      b.benefits[3].discount_percent = 12; // the same B as examples/bench_simulate.rs

      if (sizes.large) {
        const data = await load('large file', `${base}large.csv`);
        out.push({ label: `  (large file: ${data.events} rows, ${data.customers} customers)`, seconds: null });
        await timed('BG/NBD + Gamma-Gamma fit and predictions', {
          type: 'fit_clv',
          settings: { calibration_end: data.period[1], horizon_months: 12 },
          publish: false,
        });
        await timed('simulate 12 months x (A, none) x 10 futures', {
          type: 'simulate',
          schemes: [template],
          reference: 0,
          settings: { months: 12, replications: 10, seed: 7 },
        });
        worker.terminate();
        return out;
      }
      if (sizes.optimiserOnly) {
        await timed(`generate + load sample (${sizes.sample} customers)`, { type: 'load_sample', customers: sizes.sample, seed: 42 });
        // The page's default ranges around the template (SearchRanges::around): 13 settings, default effort.
        const shares = template.tiers.thresholds.percent;
        const ranges = {
          thresholds: shares.slice(1).map((p) => ({ min: p * 0.5, max: Math.min(p * 1.5, 100) })),
          discount_percent: template.benefits.map((x) => ({ min: 0, max: Math.min(Math.max(2 * x.discount_percent, x.discount_percent + 5), 100) })),
          points_multiplier: template.benefits.map((x) => ({ min: Math.max(x.points_multiplier - 1, 0), max: x.points_multiplier + 1 })),
          free_shipping_from: { min: 0, max: template.benefits.length },
          welcome_points: { min: 0, max: 200 },
        };
        // The fit of the no-program baseline is timed apart: the page does it once per data set.
        await timed(`fit the baseline (one short simulation of ${sizes.sample} customers)`, {
          type: 'simulate',
          schemes: [template],
          reference: 0,
          settings: { months: 1, replications: 1, seed: 1 },
        });
        const answer = await timed(`optimise 13 settings around the template, ${sizes.sample} customers, default effort`, {
          type: 'optimise',
          base: template,
          ranges,
        });
        out.push({ label: `  (${answer.result.evaluations} candidate simulations)`, seconds: null });
        worker.terminate();
        return out;
      }

      if (!sizes.simulationOnly) {
      await timed(`generate + load sample (${sizes.sample} customers)`, { type: 'load_sample', customers: sizes.sample, seed: 42 });
      await timed('evaluate template (replay + pricing)', { type: 'evaluate', scenario: template });
      await timed('compare A vs B', { type: 'compare', a: template, b });

      const events = await load('event log', `${base}events.csv`);
      out.push({ label: `  (event log: ${events.events} rows, ${events.customers} customers)`, seconds: null });
      await timed('evaluate template on the event log', { type: 'evaluate', scenario: template });

      const clv = await load('transaction log', `${base}clv.csv`);
      out.push({ label: `  (transactions: ${clv.events} rows, ${clv.customers} customers)`, seconds: null });
      await timed('BG/NBD + Gamma-Gamma fit and predictions', {
        type: 'fit_clv',
        settings: { calibration_end: clv.period[1], horizon_months: 12 },
        publish: false,
      });
      }

      await timed(`generate + load sample (${sizes.simulation} customers)`, { type: 'load_sample', customers: sizes.simulation, seed: 42 });
      await timed(`evaluate template: replay ${sizes.simulation} customers x 24 months`, { type: 'evaluate', scenario: template });
      const settings = { months: 24, replications: 20, seed: 7 };
      await timed(`simulate ${sizes.simulation} customers x 24 months x (A, B, none) x 20 replications`, {
        type: 'simulate',
        schemes: [template, b],
        reference: 0,
        settings,
      });
      // Six schemes as examples/bench_simulate.rs runs them: A, B, the points template and three variants of A.
      const six = [template, b, templateB];
      for (const [name, discount] of [['C', 10], ['D', 4], ['E', 0]]) {
        const s = structuredClone(template);
        s.name = name;
        s.benefits[3].discount_percent = discount;
        s.benefits[2].points_multiplier = 3;
        six.push(s);
      }
      await timed(`simulate ${sizes.simulation} customers x 24 months x (6 schemes, none) x 20 replications`, {
        type: 'simulate',
        schemes: six,
        reference: 0,
        settings,
      });
      if (sizes.simulationOnly) {
        worker.terminate();
        return out;
      }
      const features = ['frequency', 'monetary', 'recency_days', 'tenure_days', 'views', 'carts', 'browse_minutes', 'active_days'];
      const options = { test_share: 0.2, folds: null, seed: 1, importance_repeats: 0, standardise: false, plot_points: 500 };
      const spec = { features, target: { kind: 'holdout', calibration_end: { year: 2026, month: 4 }, holdout_months: 6, measure: 'spend' } };
      await timed('linear regression (holdout spend)', { type: 'train_value', spec, model: { kind: 'linear' }, options, publish_as: null });
      await timed('random forest, 50 trees, depth 8', {
        type: 'train_value',
        spec,
        model: { kind: 'random_forest', n_trees: 50, max_depth: 8, min_samples_leaf: 1, min_samples_split: 2, features_per_split: null, seed: 1 },
        options,
        publish_as: null,
      });
      await timed('logistic regression, 4 tiers of the template', {
        type: 'train_tiers',
        features,
        target: { kind: 'scenario', scenario: template },
        model: { kind: 'logistic', alpha: 1.0 },
        options,
        publish_as: null,
      });
      await timed('k-means k=4', {
        type: 'segment',
        params: { features: ['monetary', 'frequency', 'recency_days'], k: { kind: 'fixed', k: 4 }, seed: 1, max_iter: 100, restarts: 1, silhouette_sample: 2000 },
        publish_as: null,
      });
      worker.terminate();
      return out;
    },
    {
      base: server.url,
      js: workerJs,
      wasm: workerWasm,
      template,
      templateB,
      sizes: { sample: 20000, simulation: size(100000, 5000), simulationOnly, optimiserOnly, large: Boolean(largeFile) },
    },
  );
  printRows(rows);
}
