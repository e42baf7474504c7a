// Writes, next to every file of dist/ that a browser downloads as text or wasm, the same file
// compressed once at build time: `.gz` with zopfli (gzip that any browser reads, 4–5 % smaller
// than gzip -9) and `.br` with brotli at quality 11. A host that serves them as they are (nginx
// `gzip_static on` and `brotli_static on`, Caddy `precompressed br gzip`; docs/hosting.md) sends
// readers fewer bytes and spends no CPU compressing; any other host ignores them.
// Feeds are left alone: publishers replace them on the server, and a stale .gz next to a
// corrected feed would keep showing readers the old figures.
// Usage: node scripts/precompress.mjs [dir]   (default dist)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import zopfli from '@gfx/zopfli';

const gzip = promisify(zopfli.gzip);
const dir = path.resolve(process.argv[2] || 'dist');
const TEXT = /\.(html|js|mjs|wasm|css|json|svg|txt)$/;

function* files(d) {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'feeds') yield* files(p);
    } else if (TEXT.test(entry.name)) {
      yield p;
    }
  }
}

let count = 0;
let saved = 0;
for (const file of files(dir)) {
  const body = fs.readFileSync(file);
  if (body.length < 512) continue;
  const gz = await gzip(body, { numiterations: 15 });
  const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  // Only where it pays: a host falls back to the plain file (or compresses it itself).
  if (gz.length < body.length) fs.writeFileSync(`${file}.gz`, gz);
  if (br.length < body.length) fs.writeFileSync(`${file}.br`, br);
  saved += zlib.gzipSync(body, { level: 9 }).length - gz.length;
  count += 1;
}
console.log(`precompress: ${count} files in ${path.relative(process.cwd(), dir) || '.'} (.gz by zopfli, ${(saved / 1024).toFixed(1)} KB less than gzip -9; .br by brotli 11)`);
