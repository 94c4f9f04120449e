/**
 * Papershelf on huggingface.co pages: it never moves the site's layout, its toggles follow the
 * site's light or dark theme, and they pass axe.
 *
 * Layout: each fixture page is also served at a URL the content script does not match; every card
 * root's box (found by its DOM path) must be identical with and without Papershelf, at 375 px and
 * 1280 px, on the fixtures dressed with the site's Tailwind utilities (../screenshots/site-look).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, blocking, summarize } from './a11y-axe';
import { variant } from '../screenshots/site-look';
import { launch, saveButton, saveTopics, URLS, waitForCards, type Session } from './harness';

const PAGES = [
  ['trending', URLS.trending, 30],
  ['daily', URLS.daily, 20],
  ['search', URLS.search, 56],
  ['paper', URLS.paper, 1],
] as const;
const WIDTHS = [375, 1280] as const;

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

/** DOM paths (element-child indices from <body>, ignoring our own elements) of every card root. */
const rootPaths = (page: Page) =>
  page.evaluate(() => {
    const ours = (el: Element) => el.matches('[data-papershelf-toggle], [data-papershelf-bar], #papershelf-page-style');
    return [...document.querySelectorAll('[data-papershelf-id]')].map((root) => {
      const path: number[] = [];
      for (let el: Element = root; el !== document.body; el = el.parentElement!)
        path.unshift([...el.parentElement!.children].filter((c) => !ours(c)).indexOf(el));
      return { id: root.getAttribute('data-papershelf-id')!, path };
    });
  });

/** Page-relative boxes of the elements at `paths`. */
const boxes = (page: Page, paths: number[][]) =>
  page.evaluate((ps) => {
    const ours = (el: Element) => el.matches('[data-papershelf-toggle], [data-papershelf-bar], #papershelf-page-style');
    return ps.map((p) => {
      let el: Element = document.body;
      for (const i of p) el = [...el.children].filter((c) => !ours(c))[i]!;
      const r = el.getBoundingClientRect();
      return [r.x + scrollX, r.y + scrollY, r.width, r.height];
    });
  }, paths);

/** Topics mark cards (ring, chips, highlights); saved cards show the wider "Saved" toggle. */
async function seedTopicsAndSaves() {
  await saveTopics(
    s,
    { name: 'Code LLMs', color: '#2563eb', include: ['code generation', 'code llm*'] },
    { name: 'Agents', color: '#0f766e', include: ['agent*'] },
  );
  const page = await s.open(URLS.trending);
  await waitForCards(page, 30);
  for (const id of ['2506.13000', '2506.13037', '2506.13111', '2506.13185']) {
    await saveButton(page, id).click();
    await page.waitForFunction((i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector('[aria-pressed="true"]'), id);
  }
  await page.close();
}

interface Shift {
  /** Largest difference of any card edge (x, y, width, height), px. */
  max: number;
  worst: string;
  /** Cards whose own height changed, and the largest change. */
  taller: number;
  maxTaller: number;
}

async function measureShift(name: string, url: string, n: number, width: number): Promise<Shift> {
  const html = variant(url, { look: true });
  const reference = `https://huggingface.co/layout-reference/${name}`;
  s.pages.set(url, html);
  s.pages.set(reference, html);
  const viewport = { width, height: 900 };
  const withExt = await s.context.newPage();
  await withExt.setViewportSize(viewport);
  await withExt.goto(url);
  await waitForCards(withExt, n);
  await withExt.waitForTimeout(200); // chips and saved states settle
  const without = await s.context.newPage();
  await without.setViewportSize(viewport);
  await without.goto(reference);
  expect(await without.locator('[data-papershelf-toggle]').count()).toBe(0);

  const roots = await rootPaths(withExt);
  expect(roots).toHaveLength(n);
  const a = await boxes(withExt, roots.map((r) => r.path));
  const b = await boxes(without, roots.map((r) => r.path));
  const shift: Shift = { max: 0, worst: '', taller: 0, maxTaller: 0 };
  a.forEach((box, i) => {
    const dh = box[3]! - b[i]![3]!;
    if (Math.abs(dh) > 0.5) shift.taller++;
    shift.maxTaller = Math.max(shift.maxTaller, dh);
    box.forEach((v, k) => {
      const d = Math.abs(v - b[i]![k]!);
      if (d > shift.max) {
        shift.max = d;
        shift.worst = `${roots[i]!.id} ${['x', 'y', 'width', 'height'][k]} ${b[i]![k]} → ${v}`;
      }
    });
  });
  s.pages.clear();
  await withExt.close();
  await without.close();
  return shift;
}

for (const scenario of ['plain toggles', 'saved cards and topic chips'] as const)
  describe(`layout (${scenario}): card boxes are the same with and without Papershelf`, () => {
    const results: string[] = [];
    if (scenario !== 'plain toggles') beforeAll(seedTopicsAndSaves);
    afterAll(() => console.log(`layout shift, ${scenario} (max |Δ| of any card edge, px):\n  ${results.join('\n  ')}`));

    for (const width of WIDTHS)
      it.each(PAGES)(`%s page at ${width} px`, async (name, url, n) => {
        const r = await measureShift(name, url, n, width);
        results.push(
          `${name} ${width}px: ${r.max.toFixed(1)}` +
            (r.max > 0.5 ? ` — ${r.taller}/${n} cards taller (max +${r.maxTaller.toFixed(1)}); worst ${r.worst}` : ''),
        );
        expect(r.max, r.worst).toBeLessThanOrEqual(0.5);
      });
  });

/** Computed background and text colour of the first (unsaved or saved) toggle button. */
const toggleColors = (page: Page, pressed: boolean) =>
  page.evaluate((p) => {
    for (const host of document.querySelectorAll('[data-papershelf-toggle]')) {
      const b = host.shadowRoot!.querySelector(`button[aria-pressed="${p}"]`);
      if (b) {
        const cs = getComputedStyle(b);
        return { background: cs.backgroundColor, color: cs.color };
      }
    }
    return null;
  }, pressed);

const LIGHT = { background: 'rgb(255, 255, 255)', color: 'rgb(55, 65, 81)' };
const DARK = { background: 'rgb(17, 24, 39)', color: 'rgb(229, 231, 235)' };

describe('theme: toggles follow the site', () => {
  it.each([
    ['light system, light site', 'light', {}, LIGHT],
    ['any system, html.dark (the site’s dark theme)', 'light', { dark: true }, DARK],
    ['dark system, html.dark', 'dark', { dark: true }, DARK],
    ['dark system, site chose light (no html.dark on a class-themed page)', 'dark', {}, LIGHT],
    ['dark system, page without class theming', 'dark', { noClassTheme: true }, DARK],
  ] as const)('%s', async (_name, scheme, opts, expected) => {
    s.pages.set(URLS.trending, variant(URLS.trending, { look: true, ...opts }));
    const page = await s.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(URLS.trending);
    await waitForCards(page, 30);
    expect(await toggleColors(page, false)).toEqual(expected);
    // Saved reads as saved in both themes: solid violet, white text.
    const saved = await toggleColors(page, true);
    expect(saved!.color).toBe('rgb(255, 255, 255)');
    expect(saved!.background).toMatch(expected === LIGHT ? /rgb\(109, 40, 217\)/ : /rgb\(124, 58, 237\)/);
    // Switching the site's theme live (its theme menu) repaints the toggles.
    await page.evaluate(() => document.documentElement.classList.toggle('dark'));
    await expect.poll(() => toggleColors(page, false)).toEqual('dark' in opts ? LIGHT : DARK);
    s.pages.clear();
    await page.close();
  });
});

describe('axe on the toggles', () => {
  it.each([
    ['light', {}],
    ['dark', { dark: true }],
  ] as const)('%s: no serious or critical violations inside the toggles', async (scheme, opts) => {
    s.pages.set(URLS.trending, variant(URLS.trending, { look: true, ...opts }));
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    // A saved toggle too (its label changes with its state).
    const first = page.locator('button[data-papershelf-save]').first();
    if ((await first.getAttribute('aria-pressed')) !== 'true') await first.click();
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true');
    const violations = await axeViolations(page, { include: [{ fromShadowDom: ['[data-papershelf-toggle]', '.wrap'] }] });
    console.log(`axe page toggles (${scheme}): ${summarize(violations).join('; ') || 'no violations'}`);
    expect(blocking(violations)).toEqual([]);
    s.pages.clear();
    await page.close();
  });
});
