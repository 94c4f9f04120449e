/** A Markdown reading list: one section per tag, one linked line per paper. */
import type { Paper } from '../types';
import { hfPaperUrl } from '../detection/paper-id';
import { oneLine } from '../fields';
import { paperDate } from './csl-json';

/** Backslash-escape what could open a link, emphasis, code span, HTML tag or entity. */
export const escapeMarkdown = (s: string) => oneLine(s).replace(/[\\`*_{}[\]()<>#!|~&$]/g, '\\$&');

const hex = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

function line(p: Paper): string {
  const names = p.authors.map(oneLine).filter(Boolean);
  const who = names.length > 3 ? `${names[0]} et al.` : names.join(', ');
  const meta = [who && escapeMarkdown(who), paperDate(p)?.[0]].filter(Boolean).join(', ');
  const url = hfPaperUrl(p.id).replace(/[\s()<>\\]/g, hex);
  return `- [${escapeMarkdown(p.title || p.id)}](${url})${meta ? ` — ${meta}` : ''}`;
}

/** Each paper under each of its tags (sorted by tag), plus the papers with no tag. */
export function groupByTag(papers: readonly Paper[]) {
  const byTag = new Map<string, Paper[]>();
  const untagged: Paper[] = [];
  for (const p of papers) {
    const tags = new Set(p.tags.map(oneLine).filter(Boolean));
    if (tags.size === 0) untagged.push(p);
    for (const t of tags) byTag.set(t, [...(byTag.get(t) ?? []), p]);
  }
  return { tagged: [...byTag].sort(([a], [b]) => a.localeCompare(b, 'en')), untagged };
}

export function toMarkdown(papers: readonly Paper[]): string {
  const { tagged, untagged } = groupByTag(papers);
  const section = (title: string, list: Paper[]) => `## ${title}\n\n${list.map(line).join('\n')}\n`;
  const parts = tagged.map(([tag, list]) => section(escapeMarkdown(tag), list));
  if (untagged.length) parts.push(section('Untagged', untagged));
  return ['# Papershelf\n', ...parts].join('\n');
}
