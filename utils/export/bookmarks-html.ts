/** Netscape bookmark file (imported by every browser, Raindrop, Pinboard): one folder per tag. */
import type { Paper } from '../types';
import { hfPaperUrl } from '../detection/paper-id';
import { oneLine } from '../fields';
import { groupByTag } from './markdown';

const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};
export const escapeHtml = (s: string) => oneLine(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

function bookmark(p: Paper, indent: string): string {
  const added = Math.floor(Date.parse(p.savedAt) / 1000);
  const tags = new Set(p.tags.map((t) => oneLine(t).replace(/,/g, ' ')).filter(Boolean));
  const attrs = [
    `HREF="${escapeHtml(hfPaperUrl(p.id))}"`,
    Number.isFinite(added) ? `ADD_DATE="${added}"` : '',
    tags.size ? `TAGS="${escapeHtml([...tags].join(','))}"` : '',
  ];
  const link = `${indent}<DT><A ${attrs.filter(Boolean).join(' ')}>${escapeHtml(p.title || p.id)}</A>\n`;
  return p.note.trim() ? `${link}${indent}<DD>${escapeHtml(p.note)}\n` : link;
}

function folder(name: string, date: number, indent: string, body: string): string {
  const h3 = `<H3 ADD_DATE="${date}" LAST_MODIFIED="${date}">${escapeHtml(name)}</H3>`;
  return `${indent}<DT>${h3}\n${indent}<DL><p>\n${body}${indent}</DL><p>\n`;
}

export function toBookmarksHtml(papers: readonly Paper[], now: Date): string {
  const date = Math.floor(now.getTime() / 1000);
  const { tagged, untagged } = groupByTag(papers);
  const inner = (list: Paper[], indent: string) => list.map((p) => bookmark(p, indent)).join('');
  const body =
    tagged.map(([tag, list]) => folder(tag, date, '        ', inner(list, '            '))).join('') +
    inner(untagged, '        ');
  return [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<!-- This is an automatically generated file.',
    '     It will be read and overwritten.',
    '     DO NOT EDIT! -->',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>',
    folder('Papershelf', date, '    ', body) + '</DL><p>\n',
  ].join('\n');
}
