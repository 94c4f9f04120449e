// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { collapse, rangesFor } from '../../utils/text-ranges';

function el(html: string): Element {
  const d = document.createElement('div');
  d.innerHTML = html; // test-only fixture markup
  return d;
}

describe('rangesFor', () => {
  it('maps collapsed offsets across nested spans and whitespace runs', () => {
    const e = el('  Spec2RTL-Agent: Automated   Hardware <span class="highlight">Code</span>\n <span>Generation</span> from ');
    const text = collapse(e.textContent!);
    expect(text).toBe('Spec2RTL-Agent: Automated Hardware Code Generation from');
    const words = ['Hardware', 'Code Generation', 'Spec2RTL', 'from'];
    const spans = words.map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length }));
    const ranges = rangesFor(e, spans);
    expect(ranges.map((r) => collapse(r.toString()))).toEqual(words);
  });

  it('skips spans outside the text', () => {
    const e = el('abc');
    expect(rangesFor(e, [{ start: 2, end: 9 }, { start: 1, end: 1 }])).toEqual([]);
  });
});

describe('whitespace folding', () => {
  it('treats exactly the characters \\s matches as spaces', () => {
    const all = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => /\s/.test(ch));
    const el = document.createElement('div');
    el.textContent = `a${all.join('')}b`;
    expect(all.length).toBe(25);
    // Every \s character folds into the one space between a and b: "a b" spans the whole text.
    expect(collapse(el.textContent!)).toBe('a b');
    expect(rangesFor(el, [{ start: 0, end: 3 }]).map((r) => r.toString())).toEqual([el.textContent]);
  });
});
