// A tiny static file server for the built site (dist/), with no dependencies.
//
// It serves the files exactly as any static host would, optionally under a path prefix (e.g. /sub/app/) so the
// tests can prove the page works from a subfolder. Requests outside the prefix get 404 and are remembered, so a
// test can fail on them even when the page hides the error.
//
// As a program: node serve.mjs --root ../../dist [--port 0] [--prefix /sub/app/] [--port-file FILE]
// With --port 0 the system picks a free port; the URL is printed and, with --port-file, written to FILE.

import { createServer } from 'node:http';
import { stat, readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses any other type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Normalises a prefix to the form "/a/b/" ("/" for none). */
export function normalisePrefix(prefix) {
  const trimmed = (prefix ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Starts serving `root` under `prefix` on 127.0.0.1:`port` (0 = any free port). With `cors`, every answer carries
 * `Access-Control-Allow-Origin: *`, as GitHub Pages and most CDNs send (what a sandboxed iframe needs).
 * Resolves to { url, port, requests, outsidePrefix, notFound, close() }: `requests` lists every path asked for,
 * `notFound` the ones answered 404 and `outsidePrefix` the ones that missed the prefix.
 */
export async function startServer({ root, port = 0, prefix = '/', cors = false }) {
  const rootDir = resolve(root);
  const rootStat = await stat(rootDir).catch(() => null);
  if (!rootStat?.isDirectory()) {
    throw new Error(`cannot serve ${rootDir}: not a directory (build the site first: trunk build --release)`);
  }
  const base = normalisePrefix(prefix);
  const requests = [];
  const notFound = [];
  const outsidePrefix = [];

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    requests.push(path);
    const answer404 = (why) => {
      notFound.push(path);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`404 ${why}: ${path}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    // The prefix itself without its trailing slash: redirect like static hosts do, so relative URLs resolve.
    if (base !== '/' && path === base.slice(0, -1)) {
      res.writeHead(301, { location: base });
      res.end();
      return;
    }
    if (!path.startsWith(base)) {
      outsidePrefix.push(path);
      answer404('outside the served prefix');
      return;
    }
    let relative = path.slice(base.length);
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = normalize(join(rootDir, relative));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      answer404('outside the served folder');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      answer404('no such file');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
      // Tests rebuild dist between runs; never let the browser reuse an older wasm.
      'cache-control': 'no-store',
      ...(cors ? { 'access-control-allow-origin': '*' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}${base}`,
    port: actualPort,
    requests,
    notFound,
    outsidePrefix,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

function parseArgs(argv) {
  const options = { root: null, port: 0, prefix: '/', portFile: null };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--root': options.root = value; i += 1; break;
      case '--port': options.port = Number(value); i += 1; break;
      case '--prefix': options.prefix = value; i += 1; break;
      case '--port-file': options.portFile = value; i += 1; break;
      default: throw new Error(`unknown argument ${argv[i]} (expected --root, --port, --prefix, --port-file)`);
    }
  }
  if (!options.root) throw new Error('--root DIR is required');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`--port must be 0-65535, got ${options.port}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const server = await startServer(options);
    console.log(`serving ${resolve(options.root)} at ${server.url}`);
    if (options.portFile) await writeFile(options.portFile, `${server.port}\n`);
    const stop = () => server.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (error) {
    console.error(`serve.mjs: ${error.message}`);
    process.exit(2);
  }
}
