/**
 * Render the icon set (public/icon/{16,32,48,128}.png) from one SVG in headless Chromium.
 * Run after changing the design: `node scripts/make-icons.ts`. The PNGs are committed.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from '../tests/e2e/harness.ts';

// A purple rounded square with a white bookmark ribbon over a stack of pages.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#6d28d9"/>
  <rect x="30" y="22" width="60" height="80" rx="8" fill="#c4b5fd"/>
  <rect x="38" y="28" width="60" height="80" rx="8" fill="#ffffff"/>
  <path d="M70 28h20v44l-10-8-10 8z" fill="#f59e0b"/>
  <rect x="48" y="80" width="34" height="6" rx="3" fill="#c4b5fd"/>
  <rect x="48" y="92" width="24" height="6" rx="3" fill="#c4b5fd"/>
</svg>`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `${ROOT}/public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
console.log('wrote public/icon/{16,32,48,128}.png');
