// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { escapeHtml, toBookmarksHtml } from '../../../utils/export/bookmarks-html';
import { ALL, HOSTILE, NOW } from './sample';

const byId = (id: string) => ALL.find((p) => p.id === id)!;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Link {
  title: string;
  href: string;
  addDate: string | null;
  tags: string | null;
  note?: string;
}
interface Folder {
  name: string;
  addDate: string | null;
  folders: Folder[];
  links: Link[];
}

/** Reads a folder the way browsers import it: `<DT><H3>` followed by its `<DL>`. */
function readFolder(h3: Element): Folder {
  const dl = h3.parentElement!.querySelector(':scope > dl')!;
  const dts = [...dl.children].filter((e) => e.tagName === 'DT');
  return {
    name: h3.textContent!,
    addDate: h3.getAttribute('add_date'),
    folders: dts.flatMap((dt) => [...dt.querySelectorAll(':scope > h3')].map(readFolder)),
    links: dts.flatMap((dt) =>
      [...dt.querySelectorAll(':scope > a')].map((a) => {
        const dd = dt.nextElementSibling?.tagName === 'DD' ? dt.nextElementSibling : undefined;
        return {
          title: a.textContent!,
          href: a.getAttribute('href')!,
          addDate: a.getAttribute('add_date'),
          tags: a.getAttribute('tags'),
          ...(dd && { note: dd.textContent!.trim() }),
        };
      }),
    ),
  };
}

function load(html: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const top = doc.querySelectorAll('body > dl > dt > h3');
  expect(top).toHaveLength(1);
  return { doc, root: readFolder(top[0]!) };
}

describe('toBookmarksHtml', () => {
  it('writes the Netscape header and folder markup exactly', () => {
    expect(toBookmarksHtml([byId('2506.13037'), byId('2506.00010')], NOW)).toBe(
      [
        '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
        '<!-- This is an automatically generated file.',
        '     It will be read and overwritten.',
        '     DO NOT EDIT! -->',
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        '<TITLE>Bookmarks</TITLE>',
        '<H1>Bookmarks</H1>',
        '<DL><p>',
        '    <DT><H3 ADD_DATE="1750941296" LAST_MODIFIED="1750941296">Papershelf</H3>',
        '    <DL><p>',
        '        <DT><H3 ADD_DATE="1750941296" LAST_MODIFIED="1750941296">agents</H3>',
        '        <DL><p>',
        '            <DT><A HREF="https://huggingface.co/papers/2506.13037" ADD_DATE="1750924860" TAGS="LLM,agents">SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer</A>',
        '        </DL><p>',
        '        <DT><H3 ADD_DATE="1750941296" LAST_MODIFIED="1750941296">LLM</H3>',
        '        <DL><p>',
        '            <DT><A HREF="https://huggingface.co/papers/2506.13037" ADD_DATE="1750924860" TAGS="LLM,agents">SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer</A>',
        '        </DL><p>',
        '        <DT><A HREF="https://huggingface.co/papers/2506.00010" ADD_DATE="1750924800">2506.00010</A>',
        '    </DL><p>',
        '</DL><p>',
        '',
      ].join('\n'),
    );
  });

  it('parses with jsdom into Papershelf → one folder per tag, untagged at its top level', () => {
    const { root } = load(toBookmarksHtml(ALL, NOW));
    expect(root.name).toBe('Papershelf');
    expect(root.addDate).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(root.folders.map((f) => f.name)).toEqual(['<b>xss</b>', 'a,b', 'agents', 'benchmark', 'code generation', 'hostile', 'LLM', 'ünïcode']);
    for (const f of root.folders) {
      expect(f.folders).toEqual([]);
      expect(f.links.map((l) => l.href)).toEqual(
        ALL.filter((p) => p.tags.includes(f.name)).map((p) => `https://huggingface.co/papers/${p.id}`),
      );
    }
    expect(root.links.map((l) => l.href)).toEqual(
      ALL.filter((p) => p.tags.length === 0).map((p) => `https://huggingface.co/papers/${p.id}`),
    );
  });

  it('round-trips titles, ADD_DATE seconds, tags and notes for every bookmark', () => {
    const { root } = load(toBookmarksHtml(ALL, NOW));
    const links = [...root.folders.flatMap((f) => f.links), ...root.links];
    for (const l of links) {
      const p = ALL.find((q) => `https://huggingface.co/papers/${q.id}` === l.href)!;
      expect(l).toEqual({
        title: oneLine(p.title) || p.id,
        href: `https://huggingface.co/papers/${p.id}`,
        addDate: String(Date.parse(p.savedAt) / 1000),
        tags: p.tags.length ? p.tags.map((t) => t.replace(/,/g, ' ')).join(',') : null,
        ...(p.note && { note: oneLine(p.note) }),
      });
    }
    expect(links.find((l) => l.href.endsWith('2506.13037'))!.addDate).toBe('1750924860');
  });

  it('creates no element from hostile text: no script, img or extra link', () => {
    const { doc, root } = load(toBookmarksHtml(HOSTILE, NOW));
    expect(doc.querySelectorAll('script, img, b, iframe')).toHaveLength(0);
    expect(doc.querySelectorAll('a')).toHaveLength(HOSTILE.length + 1); // 2507.00003 sits in two folders
    expect(root.folders[0]!.links[0]).toEqual({
      title: '<script>alert(1)</script> & <img src=x onerror=alert(2)>',
      href: 'https://huggingface.co/papers/2507.00001',
      addDate: '1750924800',
      tags: '<b>xss</b>',
      note: '</A></DL><script>alert(3)</script>',
    });
  });

  it.each([
    [`<a href="x" onclick='y'>&amp;</a>`, '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;'],
    ['line\nbreak', 'line break'],
  ])('escapeHtml(%j) = %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
