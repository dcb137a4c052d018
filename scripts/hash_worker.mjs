// Trunk post-build hook: gives the compute worker's files a content hash, as trunk does for every other
// file. Trunk names a worker's output by its binary (worker.js, worker_bg.wasm), so after a redeploy a
// browser could pair a cached old worker with a new page. This renames them to worker-<hash>.js and
// worker-<hash>_bg.wasm and writes the names (with their SRI digests) into index.html as
//   <meta name="tierlab-worker" content="worker-<hash>.js" data-integrity="sha384-...">
//   <meta name="tierlab-worker-wasm" content="worker-<hash>_bg.wasm" data-integrity="sha384-...">
// which the page reads to start the worker (src/web/worker_bridge/script.rs).
//
// Trunk runs it from the project folder with TRUNK_STAGING_DIR set (Trunk.toml [[hooks]]). Plain node, no
// packages. It can also be run by hand on a built folder: node scripts/hash_worker.mjs dist

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('hash_worker: no folder (TRUNK_STAGING_DIR unset and no argument)');
  process.exit(1);
}

const WORKER = 'worker';

function hashed(file, suffix) {
  const bytes = readFileSync(join(dir, file));
  // 16 hex digits, as trunk's own names carry.
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const name = `${WORKER}-${hash}${suffix}`;
  renameSync(join(dir, file), join(dir, name));
  return { name, integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}` };
}

const index = join(dir, 'index.html');
const script = `${WORKER}.js`;
const wasm = `${WORKER}_bg.wasm`;
if (!existsSync(join(dir, script)) || !existsSync(join(dir, wasm))) {
  console.error(`hash_worker: ${script} or ${wasm} missing in ${dir}`);
  process.exit(1);
}
const js = hashed(script, '.js');
const bg = hashed(wasm, '_bg.wasm');
const meta =
  `<meta name="tierlab-worker" content="${js.name}" data-integrity="${js.integrity}">` +
  `<meta name="tierlab-worker-wasm" content="${bg.name}" data-integrity="${bg.integrity}">`;
const html = readFileSync(index, 'utf8');
if (!html.includes('</head>')) {
  console.error('hash_worker: index.html has no </head>');
  process.exit(1);
}
writeFileSync(index, html.replace('</head>', `${meta}</head>`));
console.log(`hash_worker: ${js.name}, ${bg.name}`);
