/**
 * Nothing executed, no one else in, in real Chromium with the built extension: messages from the
 * content script's own isolated world asking for the library are refused; hostile records sent
 * straight to the background are refused; a hostile papers page is saved as inert text and shown as
 * text in the popup, the library and every export; the built manifest asks for exactly the
 * documented permissions, with a strict CSP, and the bundles hold no eval and no remote code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION, launch, ROOT, saveButton, sendFrom, type Session } from './harness';
import { LibraryPage } from './library-page';
import { extensionTab, idsIn, papersIn } from './reliability-helpers';

let s: Session;
let ext: Page;
beforeAll(async () => {
  s = await launch();
  ext = await extensionTab(s);
});
afterAll(async () => {
  await s?.close();
});

// ── the hostile page ─────────────────────────────────────────────────────────────────────────────

const HOSTILE_URL = 'https://huggingface.co/papers/date/2031-01-01';
const EVIL_TITLE = '=HYPERLINK("http://evil.example","x") <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> {\\} \u202Efdp.exe zero\u200Bwidth';
const EVIL_ABSTRACT = '<b onmouseover="window.__pwned=3">bold</b> ]]> --> "quoted" \'single\' `tick` ${window.__pwned=4}';
const RTL_TITLE = '\u202Ecod.exe\u202C \u200F\u200B Invisible marks';
const GOOD = ['2601.00001', '2601.00003']; // no API fixture: enrichment fails and the page's text stays

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const card = (href: string, title: string, abstract = 'An abstract.') =>
  `<article><h3><a href="${esc(href)}">${esc(title)}</a></h3><p>${esc(abstract)}</p></article>`;

/** Served as the server would send it: payloads escaped as text, one hydration island with hostile JSON. */
function hostilePage(): string {
  const props = {
    dailyPapers: [
      {
        paper: {
          id: GOOD[1],
          title: RTL_TITLE,
          summary: EVIL_ABSTRACT,
          authors: [{ name: '<img src=x onerror="window.__pwned=5">' }, { name: 'Zoë \u202Ereversed' }],
          githubRepo: 'javascript:window.__pwned=6',
          upvotes: -3,
          publishedAt: 'not a date',
          ai_keywords: ['<svg onload=window.__pwned=7>'],
        },
        thumbnail: 'javascript:window.__pwned=8',
      },
    ],
  };
  return `<!doctype html><html><head><title>Daily Papers</title></head><body><main><h1>Daily Papers</h1><div>
${card(`/papers/${GOOD[0]}`, EVIL_TITLE, EVIL_ABSTRACT)}
${card('/papers/', 'A card without an id')}
${card('/papers/not-an-id', 'An id that is not an arXiv id')}
${card('/papers/javascript:window.__pwned=9', 'A javascript: id')}
${card('/papers/2601.00002%3Cscript%3E', 'An id with markup')}
${card('/papers/..%2F..%2Fetc%2Fpasswd', 'A path')}
${card(`/papers/${GOOD[1]}`, RTL_TITLE)}
</div></main>
<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${esc(JSON.stringify(props))}"></div>
</body></html>`;
}

const pwned = (p: Page) => p.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null);
/** Markup that would be there if any payload had become markup. */
const injected = (p: Page) =>
  p.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src]), svg[onload], [onerror], [onmouseover], [href^="javascript:"], [src^="javascript:"]').length);

describe('a hostile papers page', () => {
  let page: Page;

  it('gets toggles only on cards with real arXiv ids; nothing runs or becomes markup in the page', async () => {
    s.pages.set(HOSTILE_URL, hostilePage());
    page = await s.open(HOSTILE_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-papershelf-toggle]').length === 2);
    expect(await page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')))).toEqual(GOOD);
    for (const id of GOOD) {
      const b = saveButton(page, id);
      await b.click();
      await expect.poll(() => b.getAttribute('aria-pressed')).toBe('true');
    }
    expect(await idsIn(ext)).toEqual(GOOD);
    expect(await page.locator('h3').first().textContent()).toBe(EVIL_TITLE);
    expect(await pwned(page)).toBeNull();
    expect(await injected(page)).toBe(0);
  });

  it('stores the payloads as plain text and drops unsafe fields', async () => {
    const [evil, rtl] = await papersIn(ext);
    expect(evil).toMatchObject({ id: GOOD[0], title: EVIL_TITLE.replace(/\s+/g, ' '), summary: EVIL_ABSTRACT });
    expect(rtl).toMatchObject({ id: GOOD[1], title: RTL_TITLE.trim() });
    // This card shows no abstract: the summary comes later from the API (down here), never from the
    // page's hydration data (the content script keeps only authors, keywords and dates from it).
    expect(rtl!.summary).toBeUndefined();
    expect(rtl!.githubRepo).toBeUndefined();
    expect(rtl!.thumbnail).toBeUndefined();
    expect(rtl!.upvotes).toBeUndefined();
    expect(rtl!.publishedAt).toBeUndefined();
    expect(rtl!.authors).toEqual(['<img src=x onerror="window.__pwned=5">', 'Zoë \u202Ereversed']);
  });

  it('the popup shows them as text', async () => {
    const popup = await s.extensionPage('popup.html');
    const items = popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    const text = (await items.allTextContents()).join('\n');
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text).toContain('<script>window.__pwned=2</script>');
    expect(await pwned(popup)).toBeNull();
    expect(await injected(popup)).toBe(0);
    await popup.close();
  });

  it('the library shows them as text, details included, and every export neutralises them', async () => {
    const lib = await LibraryPage.open(s);
    await expect.poll(() => lib.rows.count()).toBe(2);
    expect(await lib.titles()).toContain(EVIL_TITLE.replace(/\s+/g, ' '));
    const details = await lib.openPaper(EVIL_TITLE.replace(/\s+/g, ' '));
    expect(await details.textContent()).toContain(EVIL_ABSTRACT);
    await lib.openPaper(RTL_TITLE.trim());
    expect(await pwned(lib.page)).toBeNull();
    expect(await injected(lib.page)).toBe(0);

    const csv = await lib.download(lib.library, 'Export CSV');
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")`); // a text cell, not a formula
    expect(csv.text).not.toMatch(/(^|,)"?[=+\-@]/m);

    const bib = await lib.download(lib.library, 'Export BibTeX');
    expect(bib.text.split('{').length).toBe(bib.text.split('}').length); // braces balanced
    expect(bib.text.match(/^@misc\{/gm)).toHaveLength(2);

    const html = await lib.download(lib.library, 'Export bookmarks HTML');
    expect(html.text).not.toMatch(/<img|<script|<b /i);
    expect(html.text).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');

    const md = await lib.download(lib.library, 'Export Markdown');
    expect(md.text).not.toMatch(/(?<!\\)<(img|script)/);

    // The downloaded HTML export, opened as a page, runs nothing.
    const viewer = await s.context.newPage();
    await viewer.setContent(html.text);
    expect(await pwned(viewer)).toBeNull();
    expect(await injected(viewer)).toBe(0);
    await viewer.close();
    await lib.page.close();
  });

  it('the extension pages refuse eval and inline script (strict CSP)', async () => {
    const lib = await s.extensionPage('library.html');
    // Run from a task of the page itself: code evaluated by DevTools is exempt from the CSP.
    const result = await lib.evaluate(
      () =>
        new Promise<{ evalResult: string; inline: unknown }>((resolve) =>
          setTimeout(() => {
            let evalResult = 'ran';
            try {
              (0, eval)('1');
            } catch (e) {
              evalResult = (e as Error).name;
            }
            const script = document.createElement('script');
            script.textContent = 'window.__pwned = "inline"';
            document.body.append(script);
            resolve({ evalResult, inline: (window as { __pwned?: unknown }).__pwned ?? null });
          }, 0),
        ),
    );
    expect(result).toEqual({ evalResult: 'EvalError', inline: null });
    await lib.close();
    await page.close();
  });
});

// ── no one else in ───────────────────────────────────────────────────────────────────────────────

const REFUSED = (type: string) => `Papershelf refused "${type}": not allowed from this page.`;

describe('messages from a content script (its real isolated world)', () => {
  it('asking for the library, or to change it, is refused; looking up its own page works', async () => {
    await sendFrom(ext, 'wipe', null);
    await sendFrom(ext, 'importRecords', { papers: [{ id: '2506.13000', title: 'Kept' }], topics: [], dryRun: false, lossless: true });
    const page = await s.open('https://huggingface.co/papers/2506.13000');
    const cdp = await s.context.newCDPSession(page);
    const worlds: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    await page.waitForFunction(() => document.querySelectorAll('[data-papershelf-toggle]').length === 1);
    const world = worlds.filter((w) => w.auxData?.type === 'isolated' && w.name === 'Papershelf').pop();
    expect(world).toBeDefined();
    const fromContentScript = async (type: string, payload: unknown) => {
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId: world!.id,
        expression: `chrome.runtime.sendMessage(${JSON.stringify({ papershelf: 1, type, payload })})`,
        awaitPromise: true,
        returnByValue: true,
      });
      return result.value as { ok: boolean; error?: string; data?: unknown };
    };
    const privileged: Array<[string, unknown]> = [
      ['dump', null],
      ['list', { limit: 10_000 }],
      ['importRecords', { papers: [{ id: '2506.13037', title: 'Injected' }], topics: [], dryRun: false }],
      ['remove', { ids: ['2506.13000'] }],
      ['wipe', null],
      ['update', { ids: ['2506.13000'], patch: { note: 'injected' } }],
      ['saveTopic', { topic: { name: 'x', color: '#000000', include: ['x'], exclude: [], enabled: true } }],
      ['deleteTopic', { id: 'x' }],
      ['reorderTopics', { ids: [] }],
      ['topics', null],
      ['settings', null],
      ['setMode', { mode: 'hide' }],
      ['exported', null],
    ];
    for (const [type, payload] of privileged) expect(await fromContentScript(type, payload), type).toEqual({ ok: false, error: REFUSED(type) });
    expect(await fromContentScript('lookup', { ids: ['2506.13000'] })).toMatchObject({ ok: true, data: { saved: ['2506.13000'] } });
    const stored = await papersIn(ext);
    expect(stored.map((p) => [p.id, p.title, p.note])).toEqual([['2506.13000', 'Kept', '']]);
    // The page's own world cannot reach the extension at all (no externally_connectable).
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
    await cdp.detach();
    await page.close();
  });

  it('records sent for import by an extension page are validated by the background itself', async () => {
    const before = await papersIn(ext);
    // JSON text parsed in the page, so that an own "__proto__" key survives until it is sent.
    const hostile: Array<[unknown, RegExp]> = [
      [{ papers: [{ id: '<img src=x onerror=alert(1)>', title: 'x' }], topics: [], dryRun: false }, /papers\[0\]\.id: .* is not an arXiv id/],
      ['{"papers":[{"id":"2506.13037","title":"x","__proto__":{"polluted":true}}],"topics":[],"dryRun":false}', /forbidden key/],
      [{ papers: [{ id: '2506.13037', title: 'x', thumbnail: 'javascript:alert(1)' }], topics: [], dryRun: false }, /is not an http\(s\) URL/],
      [{ papers: [], topics: [{ id: 't', name: 'T', color: 'red;}body{display:none' }], dryRun: false }, /topics\[0\]\.color/],
      [{ papers: 'everything', topics: [], dryRun: false }, /expected lists of papers and topics/],
      [{ papers: Array.from({ length: 50_001 }, () => ({})), topics: [], dryRun: false }, /at most 50,000 papers/],
    ];
    for (const [payload, message] of hostile) {
      const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const reply = await ext.evaluate((j) => chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: JSON.parse(j) }), json);
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(message);
    }
    expect(await papersIn(ext)).toEqual(before);
  });
});

// ── the built extension ──────────────────────────────────────────────────────────────────────────

/** The permission table of README.md's "Permissions, and why" section: `name` and host `pattern` rows. */
function documentedPermissions(): { permissions: string[]; hosts: string[]; optional: string[]; optionalHosts: string[] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions'));
  expect(section, 'README.md has a "Permissions" section').toBeDefined();
  const rows = [...section!.matchAll(/^\| (optional host |host )?`([^`]+)` \|/gm)];
  const of = (kind: string | undefined) => rows.filter((r) => r[1] === kind).map((r) => r[2]!).sort();
  const optional = [...section!.matchAll(/^\| `([^`]+)` \(optional\) \|/gm)].map((r) => r[1]!).sort();
  return { permissions: of(undefined), hosts: of('host '), optional, optionalHosts: of('optional host ') };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('the built extension', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));

  it('asks for exactly the documented permissions, and nothing that opens it to other pages', () => {
    const documented = documentedPermissions();
    expect([...(manifest.permissions ?? [])].sort()).toEqual(documented.permissions);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(documented.hosts);
    // Optional permissions are asked for from a click, and documented as "(optional)" rows.
    expect([...(manifest.optional_permissions ?? [])].sort()).toEqual(documented.optional);
    // arXiv and alphaXiv stay optional in what ships (PAPERSHELF_GRANT_OPTIONAL is for test builds only).
    expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual(documented.optionalHosts);
    expect(documented.optionalHosts).toEqual(['https://alphaxiv.org/*', 'https://arxiv.org/*', 'https://www.alphaxiv.org/*']);
    for (const key of ['externally_connectable', 'web_accessible_resources', 'content_security_policy.sandbox', 'oauth2', 'key', 'update_url'])
      expect(key.split('.').reduce((o, k) => o?.[k], manifest), key).toBeUndefined();
    // Content scripts only where the host permission reaches, and the file the worker re-injects.
    for (const cs of manifest.content_scripts) for (const m of cs.matches) expect(m.startsWith('https://huggingface.co/')).toBe(true);
    expect(manifest.content_scripts.flatMap((cs: { js: string[] }) => cs.js)).toEqual(['content-scripts/papers.js']);
    expect(readFileSync(join(ROOT, 'entrypoints/background/reinject.ts'), 'utf8')).toContain(`'/content-scripts/papers.js'`);
  });

  it('has a strict extension CSP', () => {
    expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self'" });
  });

  it('runs no remote code and no eval: every script is a local file', () => {
    const all = files(EXTENSION);
    const js = all.filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(3);
    for (const f of js) {
      const code = readFileSync(f, 'utf8');
      const where = relative(EXTENSION, f);
      expect(code, where).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]|importScripts\s*\(|setTimeout\s*\(\s*["'`]|setInterval\s*\(\s*["'`]/);
      expect(code, where).not.toMatch(/import\s*\(\s*["'`]https?:|\bimport\s+[^;]*from\s*["'`]https?:/);
      // Every URL in the code is one of the sites Papershelf links to or fetches (or an XML namespace).
      const hosts = new Set([...code.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1]!.toLowerCase()));
      for (const h of hosts) expect(['huggingface.co', 'arxiv.org', 'www.alphaxiv.org', 'alphaxiv.org', 'www.w3.org', 'cdn-thumbnails.huggingface.co'], `${where}: ${h}`).toContain(h);
    }
    for (const f of all.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attrs, body] of scripts) {
        expect(attrs, relative(EXTENSION, f)).toMatch(/src="\/[^"]+\.js"/);
        expect(body!.trim(), relative(EXTENSION, f)).toBe('');
      }
    }
  });
});
