/** Popup first render: navigation start → the first item of the "Saved papers" list is in the DOM. */
import type { Session } from '../../tests/e2e/harness';

function probe(): void {
  const w = window as unknown as { __benchListed: number | null };
  w.__benchListed = null;
  new MutationObserver((_, mo) => {
    if (document.querySelector('ul[aria-label="Saved papers"] li')) {
      w.__benchListed = performance.now();
      mo.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** ms from navigation start until the popup lists a saved paper. */
export async function timePopup(s: Session): Promise<number> {
  const page = await s.context.newPage();
  try {
    await page.addInitScript(probe);
    await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
    const handle = await page.waitForFunction(() => (window as unknown as { __benchListed: number | null }).__benchListed, null, { timeout: 30_000 });
    return (await handle.jsonValue()) as number;
  } finally {
    await page.close();
  }
}
