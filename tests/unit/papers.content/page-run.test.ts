// @vitest-environment jsdom
/**
 * The page run with a site adapter that is not huggingface.co's: a toy list where a card is a
 * <dt> + <dd> pair (arXiv's listing shape). The card stream, saved state and page run are the same
 * modules the content script uses; only the adapter differs. The background is the real one behind
 * WXT's fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FoundCard, SiteAdapter } from '../../../entrypoints/papers.content/site-adapter';
import { PageRun } from '../../../entrypoints/papers.content/watcher';
import * as db from '../../../utils/store/db';
import { HOOK } from '../../../utils/hooks';
import { pageRunWorker } from '../page-run-worker';

const URL = 'https://example.org/list';
const IDS = ['2506.13000', '2506.13037', '2506.13074'];

/** A card is a <dt> (its root, holding the id) and the <dd> after it (its title). */
const pairs: SiteAdapter = {
  kind: () => 'list',
  *find(subtree) {
    yield;
    const dts = [...(subtree.matches('dt') ? [subtree] : []), ...subtree.querySelectorAll('dt')];
    return dts
      .map((dt): FoundCard => ({ root: dt, heading: dt.nextElementSibling!, id: dt.getAttribute('data-id')! }))
      .filter((c) => c.root.getAttribute(HOOK.id) !== c.id);
  },
  *reader() {
    yield;
    return (c) => ({ id: c.id, title: c.heading.textContent ?? '' });
  },
  spots: (c) => [{ el: c.root, kind: 'bottom' }],
};

const dl = (ids: string[]) => ids.map((id) => `<dt data-id="${id}">[${id}]</dt><dd>Paper ${id}</dd>`).join('');
const toggleOf = (id: string) => document.querySelector(`dt[${HOOK.id}="${id}"] [${HOOK.toggleHost}]`);
const pressed = (id: string) => toggleOf(id)?.shadowRoot?.querySelector<HTMLButtonElement>('button[data-papershelf-save]')?.getAttribute('aria-pressed');
const until = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 10_000, interval: 20 });

const w = pageRunWorker('page-run');

beforeEach(() => {
  document.body.innerHTML = `<dl>${dl(IDS.slice(0, 2))}</dl>`;
});

describe('PageRun with another site adapter (<dt>+<dd> cards)', { timeout: 30_000 }, () => {
  it('one toggle per pair, the saved state from one lookup, a click saves, late cards and other tabs follow', async () => {
    await w.handlers.save({ card: { id: IDS[1]!, title: 'x' } }, { kind: 'content', tabId: 2 });
    const run = (w.run = new PageRun(document, URL, new AbortController().signal, () => true, pairs));
    await run.start();
    await until(() => expect(pressed(IDS[1]!)).toBe('true'));
    expect(pressed(IDS[0]!)).toBe('false');
    expect(document.querySelectorAll(`[${HOOK.toggleHost}]`)).toHaveLength(2);

    (toggleOf(IDS[0]!)!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]') as HTMLButtonElement).click();
    await until(() => expect(pressed(IDS[0]!)).toBe('true'));
    expect(await db.savedAmong(w.db(), IDS)).toEqual(IDS.slice(0, 2));

    // A pair the site adds later, already saved in another tab; then another tab unsaves the first.
    await w.handlers.save({ card: { id: IDS[2]!, title: 'y' } }, { kind: 'content', tabId: 2 });
    document.querySelector('dl')!.insertAdjacentHTML('beforeend', dl([IDS[2]!]));
    await until(() => expect(pressed(IDS[2]!)).toBe('true'));
    await w.handlers.unsave({ id: IDS[0]! }, { kind: 'content', tabId: 2 });
    await until(() => expect(pressed(IDS[0]!)).toBe('false'));
    expect(run.status()).toEqual({ cards: 3, matches: [], fresh: 3, recommended: [] }); // none seen before: all new
  });
});
