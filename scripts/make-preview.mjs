// Renders public/preview.png (1200 × 630), the image link previews show. Link previews run no
// wasm, so the image is a static file; its figures are the seed release's, with the source.
// Usage: node scripts/make-preview.mjs
import { chromium } from 'playwright-core';

const html = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;width:1200px;height:630px;font-family:'DejaVu Sans',sans-serif;background:#fff;color:#1f2328;display:flex;flex-direction:column;justify-content:space-between;box-sizing:border-box;padding:56px 64px}
.pub{font-size:30px;color:#575f6a}.title{font-size:64px;font-weight:700;margin:8px 0 0}
.figs{display:flex;gap:28px}.fig{flex:1;background:#f4f6f8;border-left:10px solid #1f5fa8;border-radius:12px;padding:20px 26px}
.v{font-size:64px;font-weight:700}.l{font-size:26px}.src{font-size:22px;color:#575f6a}
</style><div><div class="pub">Prosecutor's Office of Aktobe Region · Ақтөбе облысының прокуратурасы</div>
<div class="title">Results for 2025</div></div>
<div class="figs"><div class="fig"><div class="v">▼ −7 %</div><div class="l">registered crimes, 2025 vs 2024</div></div>
<div class="fig" style="border-left-color:#5b6470"><div class="v">76 kg</div><div class="l">synthetic drugs seized, 2025</div></div></div>
<div class="src">Source: gov.kz — board of the regional prosecutor's office, 27 December 2025 · esep</div>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
await page.setContent(html);
await page.screenshot({ path: new URL('../public/preview.png', import.meta.url).pathname });
await browser.close();
