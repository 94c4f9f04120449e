import { describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from '../../../utils/export/markdown';
import { ALL, HOSTILE } from './sample';

const byId = (id: string) => ALL.find((p) => p.id === id)!;

/** One list line: link text with only escaped brackets, a plain HF link, then the byline. */
const LINE = /^- \[((?:[^\\[\]<>`*_]|\\.)*)\]\((https:\/\/huggingface\.co\/papers\/[^\s()<>\\]+)\)(?: — (.*))?$/;

describe('toMarkdown', () => {
  it('groups papers by tag (sorted), then untagged, with authors and year', () => {
    const papers = ['2506.13000', '2506.13037', '2506.13481', '2506.13555', '2506.00009', 'hep-th/9901001', '2506.00010'].map(byId);
    expect(toMarkdown(papers)).toBe(
      [
        '# Papershelf',
        '',
        '## agents',
        '',
        '- [SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer](https://huggingface.co/papers/2506.13037) — Sofia Zhang et al., 2025',
        '',
        '## benchmark',
        '',
        '- [CodeNet: A Large-Scale AI for Code Dataset for Learning a Diversity of Coding Tasks](https://huggingface.co/papers/2506.13555) — Marta Mensah, Mei Cohen, Ana Kowalski, 2025',
        '',
        '## code generation',
        '',
        '- [MonoCoder: Domain-Specific Code Language Model for HPC Codes and Tasks](https://huggingface.co/papers/2506.13481) — Priya Cohen, 2025',
        '',
        '## LLM',
        '',
        '- [SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer](https://huggingface.co/papers/2506.13037) — Sofia Zhang et al., 2025',
        '- [MonoCoder: Domain-Specific Code Language Model for HPC Codes and Tasks](https://huggingface.co/papers/2506.13481) — Priya Cohen, 2025',
        '',
        '## Untagged',
        '',
        '- [Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems](https://huggingface.co/papers/2506.13000) — Sofia Rossi et al., 2025',
        '- [On a Dateless Paper](https://huggingface.co/papers/2506.00009) — Kim Lee, 2025',
        '- [An Old-Style Identifier](https://huggingface.co/papers/hep-th/9901001) — Old Timer, 1999',
        '- [2506.00010](https://huggingface.co/papers/2506.00010) — 2025',
        '',
      ].join('\n'),
    );
  });

  it('escapes hostile titles, names and tags so they stay text', () => {
    expect(toMarkdown(HOSTILE.slice(0, 6)).split('\n')).toEqual([
      '# Papershelf',
      '',
      '## \\<b\\>xss\\</b\\>',
      '',
      '- [\\<script\\>alert\\(1\\)\\</script\\> \\& \\<img src=x onerror=alert\\(2\\)\\>](https://huggingface.co/papers/2507.00001) — Mallory \\<b\\>Evil\\</b\\>, 2025',
      '',
      '## a,b',
      '',
      '- ["Quoted", with commas, and 50% of \\$x\\$ \\& y\\_1 \\#2 \\~ ^ \\\\ back \\| pipe](https://huggingface.co/papers/2507.00003) — Ada Lovelace et al., 2025',
      '',
      '## hostile',
      '',
      '- [\\}\\{@misc\\{evil, title=\\{pwned\\}](https://huggingface.co/papers/2507.00002) — Brace \\{Open, Close\\} Brace, 2025',
      '- ["Quoted", with commas, and 50% of \\$x\\$ \\& y\\_1 \\#2 \\~ ^ \\\\ back \\| pipe](https://huggingface.co/papers/2507.00003) — Ada Lovelace et al., 2025',
      '',
      '## ünïcode',
      '',
      '- [Ünïcödé — שלום עולם \u202Eevil\u202C zero\u200Bwidth 日本語 🧪](https://huggingface.co/papers/2507.00005) — Zoë Ångström-Łukasiewicz, José Núñez, 2025',
      '',
      '## Untagged',
      '',
      '- [Multi line title with tabs](https://huggingface.co/papers/2507.00004) — Line Break Author, 2025',
      '- [\\[click\\]\\(javascript:alert\\(1\\)\\) \\*bold\\* \\_it\\_ \\`code\\` \\!\\[img\\]\\(x\\) \\<https://evil.example\\>](https://huggingface.co/papers/2507.00006) — Ann Author, 2025',
      '',
    ]);
  });

  it.each([
    ['[a](b)', '\\[a\\]\\(b\\)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['*a* _b_ `c` ~d~ |e| #f !g $h$ &amp;', '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\| \\#f \\!g \\$h\\$ \\&amp;'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two lines'],
  ])('escapeMarkdown(%j) = %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps every paper line one well-formed link, for all sample papers', () => {
    const lines = toMarkdown(ALL).split('\n');
    const items = lines.filter((l) => l.startsWith('- '));
    const expected = ALL.reduce((n, p) => n + Math.max(1, new Set(p.tags).size), 0);
    expect(items).toHaveLength(expected);
    for (const l of items) expect(l).toMatch(LINE);
    expect(lines.filter((l) => l && !l.startsWith('- ') && !l.startsWith('#'))).toEqual([]);
    // no raw HTML tag anywhere: every < is escaped
    expect(lines.join('\n')).not.toMatch(/(^|[^\\])</);
  });
});
