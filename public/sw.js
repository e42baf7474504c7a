// esep's service worker: the app shell and the last good feed stay readable offline.
// Same-origin GET only; nothing is sent anywhere.
const CACHE = 'esep-v1';
// The page's scripts, wasm, styles and bundled feed, as index.html names them: quoted or not
// (the release build's minifier drops the quotes).
const SHELL_ASSETS = /(?:href|src)=["']?\.?\/?([^"'\s>]+\.(?:json|wasm|css|js))(?=["'\s>])/g;

const SPLIT_MODULES = /["'`]\.\/((?:split|chunk)_[\w-]+\.wasm)["'`]/g;

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const index = await fetch('./', { cache: 'no-cache' });
  if (!index.ok) return;
  const html = await index.clone().text();
  await cache.put('./', index);
  const assets = new Set([...html.matchAll(SHELL_ASSETS)].map((m) => `./${m[1]}`));
  await Promise.all([...assets].map((url) => cache.add(url).catch(() => {})));
  // The modules the loader fetches only at a first download or embed (see scripts/wasm-ld.mjs),
  // so that these work offline too.
  const split = new Set();
  for (const url of [...assets].filter((a) => a.endsWith('.js'))) {
    const js = await (await cache.match(url))?.text();
    for (const m of (js || '').matchAll(SPLIT_MODULES)) split.add(`./${m[1]}`);
  }
  await Promise.all([...split].map((url) => cache.add(url).catch(() => {})));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().catch(() => {}).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isFreshFirst(request, url) {
  return request.mode === 'navigate' || url.pathname.endsWith('.json');
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Keep only good answers: the last good feed survives a broken or missing one.
    const type = response.headers.get('content-type') || '';
    const good = response.ok && type.includes(request.mode === 'navigate' ? 'text/html' : 'json');
    if (good) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (isFreshFirst(request, url)) {
    // The report is kept as './'; the comparison and embed pages under their own names.
    const report = request.mode === 'navigate' && /\/(index\.html)?$/.test(url.pathname);
    const key = report ? './' : url.pathname;
    event.respondWith(networkFirst(request, key));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
