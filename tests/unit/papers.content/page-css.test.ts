import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOOK } from '../../../utils/hooks';
import { ANCHOR_ATTR } from '../../../entrypoints/papers.content/placement';
import { THEME_ATTR } from '../../../entrypoints/papers.content/toggle';

const css = readFileSync(new URL('../../../entrypoints/papers.content/page.css', import.meta.url), 'utf8');

describe('page.css uses the stable hooks', () => {
  it.each([HOOK.id, HOOK.topics, HOOK.dimmed, HOOK.hidden, HOOK.toggleHost, ANCHOR_ATTR, THEME_ATTR])('styles [%s]', (attr) => {
    expect(css).toContain(`[${attr}]`);
  });
  it('uses no :has() (it made every restyle of a card evaluate it: 7× the style cost on a long listing)', () => {
    expect(css.replace(/\/\*[\s\S]*?\*\//g, '')).not.toContain(':has(');
  });
  it('names no attribute of ours that the code does not set', () => {
    const known = new Set<string>([...Object.values(HOOK), ANCHOR_ATTR, THEME_ATTR]);
    const used = [...css.matchAll(/\[(data-papershelf-[a-z-]+)\]/g)].map((m) => m[1]!);
    expect(used.filter((a) => !known.has(a))).toEqual([]);
  });
});
