// @vitest-environment jsdom
/** The card stream on its own: a toy `find` (elements with data-card), real MutationObserver and frames. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeCards } from '../../../entrypoints/papers.content/card-stream';

interface Toy {
  root: Element;
  id: string;
}

/** Cards: [data-card] elements not marked yet (as the HF adapter leaves out marked roots). */
function* find(subtree: Element): Generator<void, Toy[]> {
  yield;
  const els = [...(subtree.matches('[data-card]') ? [subtree] : []), ...subtree.querySelectorAll('[data-card]')];
  return els.filter((e) => !e.hasAttribute('data-seen')).map((root) => ({ root, id: root.getAttribute('data-card')! }));
}

function card(id: string): Element {
  const d = document.createElement('div');
  d.setAttribute('data-card', id);
  return d;
}
const until = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 5_000, interval: 10 });
const frames = (k = 3) => new Promise<void>((r) => { let i = 0; const f = () => (++i >= k ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); });

function start(opts: { sweep?: () => void; ignore?: (el: Element) => boolean } = {}) {
  const ctl = new AbortController();
  const batches: string[][] = [];
  let running = 0;
  let overlapped = false;
  const stream = observeCards(
    document,
    { signal: ctl.signal, find, ignore: opts.ignore ?? (() => false), sweep: opts.sweep ?? (() => undefined) },
    async (cards) => {
      overlapped ||= running > 0;
      running++;
      batches.push(cards.map((c) => c.id));
      for (const c of cards) c.root.setAttribute('data-seen', '');
      await new Promise((r) => setTimeout(r, 5)); // an async consumer: the next batch waits
      running--;
    },
  );
  return { ctl, batches, stream, overlapped: () => overlapped };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('observeCards', () => {
  it('hands over the cards present at the start, then each later batch once, one batch at a time', async () => {
    document.body.append(card('a'), card('b'));
    const s = start();
    await s.stream.ready;
    expect(s.batches).toEqual([['a', 'b']]);
    // Three cards added in one frame, one of them twice over (moved): one batch, each once.
    const c = card('c');
    document.body.append(c, card('d'));
    document.body.append(c);
    const wrap = document.createElement('section');
    wrap.append(card('e'));
    document.body.append(wrap);
    await until(() => expect(s.batches).toHaveLength(2));
    expect(s.batches[1]).toEqual(['c', 'd', 'e']);
    document.body.append(card('f'));
    await until(() => expect(s.batches).toHaveLength(3));
    expect(s.batches[2]).toEqual(['f']);
    expect(s.overlapped()).toBe(false);
    s.ctl.abort();
  });

  it('a removal re-checks the page after a sweep (a card the consumer forgot is found again)', async () => {
    const a = card('a');
    document.body.append(a, card('b'));
    let sweeps = 0;
    const s = start({ sweep: () => { sweeps++; if (sweeps > 1) a.removeAttribute('data-seen'); } });
    await s.stream.ready;
    document.body.lastElementChild!.remove();
    await until(() => expect(s.batches).toHaveLength(2));
    expect(s.batches[1]).toEqual(['a']);
    s.ctl.abort();
  });

  it('our own elements are no change; `after` runs behind the batch in progress; abort stops everything', async () => {
    document.body.append(card('a'));
    const s = start({ ignore: (el) => el.hasAttribute('data-ours') });
    const order: string[] = [];
    s.stream.after(() => void order.push('after'));
    await s.stream.ready;
    await until(() => expect(order).toEqual(['after']));
    const ours = card('x');
    ours.setAttribute('data-ours', '');
    document.body.append(ours);
    await frames(4);
    expect(s.batches).toHaveLength(1);
    s.ctl.abort();
    document.body.append(card('late'));
    s.stream.after(() => void order.push('after abort'));
    await frames(4);
    expect(s.batches).toHaveLength(1);
    expect(order).toEqual(['after']);
  });
});
