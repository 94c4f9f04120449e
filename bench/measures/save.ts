/**
 * Save round-trips from an extension page, one at a time with a pause between (so each save's
 * background work, enrichment included, is done before the next); the saved papers are removed
 * afterwards in one message, untimed, so the library is back to its size.
 */
import type { CardInfo } from '../../utils/types';
import type { ChromeGlobal, Driver } from '../extension';

const PAUSE_MS = 150;

/** Times of `cards.length` saves, in ms. */
export async function timeSaves(d: Driver, cards: CardInfo[]): Promise<number[]> {
  const times = await d.page.evaluate(
    async ([list, pause]) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const out: number[] = [];
      for (const card of list) {
        const t = performance.now();
        const r = (await chrome.runtime.sendMessage({ papershelf: 1, type: 'save', payload: { card } })) as { ok: boolean; error?: string };
        out.push(performance.now() - t);
        if (!r?.ok) throw new Error(`save: ${r?.error}`);
        await new Promise((done) => setTimeout(done, pause));
      }
      return out;
    },
    [cards, PAUSE_MS] as const,
  );
  await d.page.waitForTimeout(2 * PAUSE_MS);
  await d.send('remove', { ids: cards.map((c) => c.id) });
  return times;
}
