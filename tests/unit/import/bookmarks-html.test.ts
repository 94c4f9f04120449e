// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBookmarksHtml } from '../../../utils/export/bookmarks-html';
import { oneLine } from '../../../utils/fields';
import { parseImport } from '../../../utils/import';
import { parseBookmarksHtml } from '../../../utils/import/bookmarks-html';
import type { Paper } from '../../../utils/types';
import { ALL } from '../export/sample';
import { bare, fixture, NOW } from './sample';

/** jsdom's DOMParser, passed in as the library page would pass its own. */
const run = (text: string) => parseImport('bookmarks.html', text, NOW, { DOMParser });
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('bookmarks HTML import', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads a Firefox export: TAGS, folders below system roots, DD notes, ADD_DATE/LAST_MODIFIED', () => {
    expect(run(fixture('firefox.html'))).toEqual({
      format: 'bookmarks-html',
      papers: [
        // also bookmarked in "Other Bookmarks": tags combined, earliest ADD_DATE, newest LAST_MODIFIED
        bare('2506.13000', {
          title: 'Spec2RTL-Agent & friends',
          savedAt: iso(1750000000),
          updatedAt: iso(1750928400),
          tags: ['agents', 'hardware', 'Reading', 'to-read'],
          note: 'Compare with <baseline>',
        }),
        bare('1706.03762', { title: 'Attention Is All You Need', savedAt: iso(1718000000), updatedAt: iso(1718000000), tags: ['Reading', 'To read'] }),
        bare('2107.03374', { title: 'Evaluating Large Language Models Trained on Code', savedAt: iso(1718000000), updatedAt: iso(1718000000) }),
        // script contents left out, the rest is plain text; a bad ADD_DATE falls back to now
        bare('2501.00002', { title: 'Inert' }),
      ],
      topics: [],
      // mozilla.org, /papers (not a paper), javascript:
      skipped: 3,
      errors: [],
      warnings: [],
    });
  });

  it('reads a Chrome export: the bookmarks bar is not a tag, its subfolders are', () => {
    expect(run(fixture('chrome.html'))).toEqual({
      format: 'bookmarks-html',
      papers: [
        bare('2506.13000', { title: 'Spec2RTL-Agent', savedAt: iso(1750924800), updatedAt: iso(1750924800), tags: ['ML'] }),
        bare('hep-th/9901001', { title: 'An Old-Style Identifier', savedAt: iso(1718000000), updatedAt: iso(1718000000) }),
      ],
      topics: [],
      skipped: 1,
      errors: [],
      warnings: [],
    });
  });

  it('reads back what utils/export/bookmarks-html.ts writes (a paper in several tag folders is one record)', () => {
    const r = run(toBookmarksHtml(ALL, NOW));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.skipped).toBe(0);
    const byId = (a: Paper, b: Paper) => (a.id < b.id ? -1 : 1);
    const seconds = (s: string) => iso(Math.floor(Date.parse(s) / 1000));
    expect([...r.papers].sort(byId)).toEqual(
      ALL.map((p) =>
        bare(p.id, {
          title: oneLine(p.title) || p.id,
          savedAt: seconds(p.savedAt),
          updatedAt: seconds(p.savedAt),
          // TAGS turns "a,b" into "a b" but the folder keeps "a,b": both come back
          tags: [...new Set([...p.tags.map((t) => oneLine(t).replace(/,/g, ' ')), ...p.tags.map(oneLine)])],
          note: oneLine(p.note),
        }),
      ).sort(byId),
    );
  });

  it('folders: tags from each level; an outer "Papershelf" folder and DL in a folder DD handled', () => {
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
  <DT><H3>Papershelf</H3>
  <DL><p>
    <DT><H3>Papershelf</H3>
    <DD>a folder description
    <DL><p>
      <DT><H3>Deep</H3>
      <DL><p>
        <DT><A HREF="/papers/2506.13000">Relative link</A>
      </DL><p>
    </DL><p>
  </DL><p>
</DL>`;
    expect(run(html).papers).toEqual([bare('2506.13000', { title: 'Relative link', tags: ['Papershelf', 'Deep'] })]);
  });

  it('never runs the file: scripts, handlers and URLs stay inert text', () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1><script>alert(1)</script>
<DL><p><DT><A HREF="https://arxiv.org/abs/2506.13000" ONCLICK="alert(2)">&lt;script&gt;alert(3)&lt;/script&gt;<img src=x onerror="alert(4)"></A>
<DD><iframe src="javascript:alert(5)"></iframe>&lt;b&gt;note&lt;/b&gt;</DL>`;
    const r = parseBookmarksHtml(html, NOW, DOMParser);
    expect(r.papers).toEqual([bare('2506.13000', { title: '<script>alert(3)</script>', note: '<b>note</b>' })]);
    expect(alert).not.toHaveBeenCalled();
    expect(document.body.innerHTML).toBe('');
  });

  it('uses globalThis.DOMParser by default, and needs one', () => {
    expect(parseImport('chrome.html', fixture('chrome.html'), NOW).papers.map((p) => p.id)).toEqual(['2506.13000', 'hep-th/9901001']);
    vi.stubGlobal('DOMParser', undefined);
    expect(parseBookmarksHtml('<DL><DT><A HREF="https://arxiv.org/abs/2506.13000">x</A></DL>', NOW, undefined).errors).toEqual([
      'Bookmark files can only be read in a browser page (no DOMParser here).',
    ]);
  });

  it('reads ADD_DATE in seconds, milliseconds or microseconds', () => {
    const html = (d: string) => `<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><A HREF="https://arxiv.org/abs/2506.13000" ADD_DATE="${d}">x</A></DL>`;
    for (const d of ['1750924800', '1750924800000', '1750924800000000'])
      expect(run(html(d)).papers[0]!.savedAt).toBe('2025-06-26T08:00:00.000Z');
    for (const d of ['-5', '0', '1e9', ''])
      expect(run(html(d)).papers[0]!.savedAt).toBe(NOW.toISOString());
  });
});
