// A small static file server for the built app (dist/), on 127.0.0.1 only.
//
//   node e2e/serve.mjs --dir dist --port 8080
//
// Tests import `startServer` and also get test routes that mount the same app under other
// paths with a broken feed, so error states can be checked without changing the app:
//   /sub/path/          the app under a sub-path (relative URLs must hold)
//   /t/404/             the feed answers 404
//   /t/html/            the feed answers an HTML page with status 200
//   /t/broken/          the feed is tests/feeds/partly-broken.json (errors + valid parts)
//   /t/districts/       the feed is tests/feeds/good/illustrative-districts.json
//   /tests/             the repository's tests/ folder (feeds for ?feed= and ?compare=)
//   /t/500/ /t/loop/ /t/type/ /t/empty/ /t/truncated/ /t/huge/ /t/slow/ /t/reset/  feed faults
//   /t/hostile/         a feed whose labels try to inject markup
//   /csp/               the app under the strict Content-Security-Policy (STRICT_CSP)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** The strict policy of docs/hosting.md, for the /csp/ mount. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function sendFile(res, file, extraHeaders = {}, accepts = '') {
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // As nginx's gzip_static and brotli_static do: the build's precompressed copy, when there
    // is one and the browser takes it (scripts/precompress.mjs), so tests run on those files.
    const precompressed = [['br', '.br'], ['gzip', '.gz']].find(([enc, ext]) => accepts.includes(enc) && fs.existsSync(file + ext));
    const [encoding, sent] = precompressed ? [precompressed[0], file + precompressed[1]] : [null, file];
    const headers = { 'content-type': type, 'content-length': fs.statSync(sent).size, 'cache-control': 'no-cache', vary: 'accept-encoding', ...extraHeaders };
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    fs.createReadStream(sent).pipe(res);
  });
}

/** Maps a URL path under `dist` to a file, refusing anything outside it. */
function fileIn(dist, rel) {
  const clean = path.normalize(decodeURIComponent(rel)).replace(/^([/\\])+/, '');
  const dir = clean === '' || clean === '.' || rel.endsWith('/');
  const file = path.join(dist, dir ? path.join(clean, 'index.html') : clean);
  return file.startsWith(dist) ? file : null;
}

export function createHandler({ dir, testRoutes = false }) {
  const dist = path.resolve(dir);
  const mounts = [['/', null]];
  if (testRoutes) {
    mounts.unshift(
      ['/sub/path/', null],
      ['/t/404/', (res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not Found</h1>'); }],
      ['/t/html/', (res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>Welcome</title><p>Hosting placeholder page</p>'); }],
      ['/t/broken/', (res) => sendFile(res, path.join(root, 'tests/feeds/partly-broken.json'))],
      ['/tests/', 'files:tests'],
      ['/t/500/', (res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('Internal Server Error'); }],
      ['/t/loop/', (res, req) => { res.writeHead(301, { location: req.url }); res.end(); }],
      ['/t/type/', (res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe])); }],
      ['/t/empty/', (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(); }],
      ['/t/truncated/', (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(fs.readFileSync(path.join(root, 'public/feeds/aktobe-2025.json'), 'utf8').slice(0, 3000)); }],
      ['/t/huge/', (res) => {
        const size = 50 * 1024 * 1024;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => { while (sent < size) { sent += chunk.length; if (!res.write(chunk)) { res.once('drain', pump); return; } } res.end(); };
        res.on('close', () => { sent = size; });
        pump();
      }],
      ['/t/slow/', (res) => {
        // Trickles one byte a second for 60 s.
        res.writeHead(200, { 'content-type': 'application/json' });
        let n = 0;
        const timer = setInterval(() => { res.write(' '); if (++n >= 60) { clearInterval(timer); res.end('{}'); } }, 1000);
        res.on('close', () => clearInterval(timer));
      }],
      ['/t/reset/', (res, req) => { req.socket.destroy(); }],
      ['/t/hostile/', (res) => sendFile(res, path.join(root, 'tests/feeds/hostile.json'))],
      ['/csp/', 'csp'],
      ['/t/districts/', (res) => sendFile(res, path.join(root, 'tests/feeds/good/illustrative-districts.json'))],
    );
  }
  return (req, res) => {
    let pathname;
    try {
      pathname = new URL(req.url, 'http://localhost').pathname;
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    for (const [prefix, feedOverride] of mounts) {
      if (pathname === prefix.slice(0, -1)) {
        res.writeHead(301, { location: prefix });
        res.end();
        return;
      }
      if (!pathname.startsWith(prefix)) continue;
      const rel = pathname.slice(prefix.length);
      if (feedOverride === 'files:tests') {
        const file = fileIn(path.join(root, 'tests'), rel);
        if (file) sendFile(res, file); else { res.writeHead(403); res.end(); }
        return;
      }
      if (feedOverride && feedOverride !== 'csp' && rel.startsWith('feeds/')) {
        feedOverride(res, req);
        return;
      }
      const file = fileIn(dist, rel);
      if (!file) {
        res.writeHead(403);
        res.end();
        return;
      }
      sendFile(res, file, feedOverride === 'csp' ? { 'content-security-policy': STRICT_CSP } : {}, req.headers['accept-encoding'] || '');
      return;
    }
  };
}

/** Starts a server on 127.0.0.1; port 0 picks a free one. Resolves to { server, url }. */
export function startServer({ dir, port = 0, testRoutes = false }) {
  const server = http.createServer(createHandler({ dir, testRoutes }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://127.0.0.1:${actual}` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const dir = opt('--dir', 'dist');
  const port = Number(opt('--port', '8080'));
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html is missing; run "trunk build --release" first`);
    process.exit(1);
  }
  const { url } = await startServer({ dir, port, testRoutes: args.includes('--test-routes') });
  console.log(`esep is served at ${url}/ (Ctrl-C stops)`);
}
