// The test server itself: right MIME types (a wrong one for .wasm breaks the page), the prefix mapping the
// subfolder test relies on, and no way out of the served folder.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { normalisePrefix, startServer } from './serve.mjs';

let root;
let server;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tierlab-serve-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(join(root, 'app.js'), 'export {};');
  await writeFile(join(root, 'assets', 'style.css'), 'body{}');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(tmpdir(), 'tierlab-serve-secret.txt'), 'secret');
  server = await startServer({ root, prefix: 'sub/app' });
});

after(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(join(tmpdir(), 'tierlab-serve-secret.txt'), { force: true });
});

/** GET with the path sent exactly as written (fetch would normalise `..` away). */
function get(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('prefixes are normalised to /a/b/', () => {
  assert.equal(normalisePrefix(undefined), '/');
  assert.equal(normalisePrefix('/'), '/');
  assert.equal(normalisePrefix('sub/app'), '/sub/app/');
  assert.equal(normalisePrefix('//sub/app//'), '/sub/app/');
});

test('files are served under the prefix with their MIME types', async () => {
  assert.equal(server.url, `http://127.0.0.1:${server.port}/sub/app/`);
  const expected = {
    '/sub/app/': 'text/html; charset=utf-8',
    '/sub/app/app_bg.wasm': 'application/wasm',
    '/sub/app/app.js': 'text/javascript; charset=utf-8',
    '/sub/app/assets/style.css': 'text/css; charset=utf-8',
    '/sub/app/favicon.svg': 'image/svg+xml',
  };
  for (const [path, type] of Object.entries(expected)) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers['content-type'], type, path);
  }
  assert.deepEqual([...(await get('/sub/app/app_bg.wasm')).body], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
});

test('the prefix without its slash redirects; paths outside it are 404 and recorded', async () => {
  const redirect = await get('/sub/app');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/sub/app/');
  assert.equal((await get('/app.js')).status, 404);
  assert.equal((await get('/sub/app/missing.js')).status, 404);
  assert.ok(server.outsidePrefix.includes('/app.js'));
  assert.ok(!server.outsidePrefix.includes('/sub/app/missing.js'));
  assert.ok(server.notFound.includes('/sub/app/missing.js'));
});

test('nothing outside the served folder can be reached', async () => {
  // The secret sits right beside the served folder: one `..` (encoded, so no client normalises it) reaches it.
  const response = await get('/sub/app/..%2ftierlab-serve-secret.txt');
  assert.equal(response.status, 404);
  assert.match(response.body.toString(), /outside the served folder/);
});
