/**
 * npm start: build the extension and open Chromium with it. When huggingface.co cannot be reached
 * (or with --offline) the fixture site is served at the real URLs, so everything can be tried offline.
 * Without a display (no $DISPLAY), it runs headless and takes screenshots instead of showing a window.
 */
import { execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { launch, URLS } from '../tests/e2e/harness.ts';

async function reachable(): Promise<boolean> {
  try {
    await lookup('huggingface.co');
    return true;
  } catch {
    return false;
  }
}

const offline = process.argv.includes('--offline') || !(await reachable());
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');
execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
console.log(`Opening Chromium ${headed ? '' : '(headless) '}with Papershelf, ${offline ? 'serving the offline fixture site' : 'on the real site'}…`);
const s = await launch({ headed, offline, viewport: headed ? null : undefined });
const page = await s.open(URLS.trending);
await s.extensionPage('library.html');
if (!headed) {
  await page.bringToFront();
  await page.waitForSelector('[data-papershelf-toggle]');
  await page.screenshot({ path: 'papershelf-start.png' });
  console.log('No display: wrote papershelf-start.png. Set DISPLAY (e.g. xvfb-run npm start) to get a window.');
  await s.close();
} else {
  console.log('Close the browser window to stop.');
  s.context.on('close', () => process.exit(0));
}
