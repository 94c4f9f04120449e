/**
 * npm start: build the extension and open Chromium with it, on the real huggingface.co when it can be
 * reached. When it cannot (or with --offline) the repository's fixture site (tests/fixtures/site) is
 * served at the real URLs, so everything can be tried offline, from a bare clone too.
 * Without a display (no $DISPLAY), it runs headless and takes screenshots instead of showing a window.
 */
import { execFileSync } from 'node:child_process';
import { launch, URLS } from '../tests/e2e/harness.ts';

/** Whether huggingface.co answers over HTTPS within 5 s (a DNS answer alone is not enough: proxies, captive portals). */
async function reachable(): Promise<boolean> {
  try {
    const res = await fetch('https://huggingface.co/papers', { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5_000) });
    return res.status > 0 && res.status < 500;
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
