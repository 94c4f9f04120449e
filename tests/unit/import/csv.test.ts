import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../utils/export/csv';
import { oneLine } from '../../../utils/fields';
import { parseImport } from '../../../utils/import';
import { csvLayout, unneutralise } from '../../../utils/import/csv';
import type { Paper } from '../../../utils/types';
import { ALL } from '../export/sample';
import { bare, fixture, NOW } from './sample';

const run = (text: string) => parseImport('export.csv', text, NOW);

const EXPECTED_COLUMNS =
  'expected a Raindrop export (id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite) or a Pocket export (title,url,time_added,cursor,tags,status)';

describe('CSV import', () => {
  it('reads a Raindrop export: note, excerpt → summary, cover → thumbnail, created → savedAt', () => {
    expect(run(fixture('raindrop.csv'))).toEqual({
      format: 'csv',
      papers: [
        bare('2506.13000', {
          title: 'Spec2RTL-Agent: Automated Hardware Code Generation',
          summary: 'We present an agent.',
          savedAt: '2025-06-20T08:00:00.000Z',
          updatedAt: '2025-06-20T08:00:00.000Z',
          thumbnail: 'https://cdn.example/thumb.png',
          tags: ['agents', 'hardware'],
          note: 'Compare with "baseline", later',
        }),
        // the leading ' our exporter adds before = + - @ is removed; a javascript: cover is dropped
        bare('1706.03762', {
          title: '=Formula title',
          savedAt: '2025-06-22T08:00:00.000Z',
          updatedAt: '2025-06-22T08:00:00.000Z',
          tags: ['-dash', 'other'],
          note: '+SUM(A1)',
        }),
      ],
      topics: [],
      skipped: 1,
      errors: [],
      warnings: [],
    });
  });

  it('reads a Pocket export: time_added (seconds) → savedAt, tags split on |, status archive → read', () => {
    expect(run(fixture('pocket.csv'))).toEqual({
      format: 'csv',
      papers: [
        bare('2506.13000', {
          title: 'Spec2RTL-Agent',
          savedAt: '2025-06-26T08:00:00.000Z',
          updatedAt: '2025-06-26T08:00:00.000Z',
          tags: ['agents', 'hardware'],
          read: true,
        }),
        bare('1706.03762', { title: 'Attention Is All You Need', savedAt: '2024-06-10T06:13:20.000Z', updatedAt: '2024-06-10T06:13:20.000Z' }),
      ],
      topics: [],
      skipped: 1,
      errors: [],
      warnings: [],
    });
  });

  it('reads back what utils/export/csv.ts writes, formulas and quotes included', () => {
    const r = run(toCsv(ALL));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.papers).toEqual(
      ALL.map((p) =>
        bare(p.id, {
          title: oneLine(p.title) || p.id,
          ...(p.summary?.trim() && { summary: p.summary.trim() }),
          savedAt: p.savedAt,
          updatedAt: p.savedAt,
          ...(p.thumbnail && { thumbnail: p.thumbnail }),
          tags: [...new Set(p.tags.map((t) => oneLine(t.replace(/,/g, ' '))))],
          note: p.note.trim(),
        }),
      ),
    );
  });

  it('combines rows for the same paper, with a warning', () => {
    const text = 'title,url,time_added,tags,status\nA,https://arxiv.org/abs/2506.13000,1750924800,x,unread\nB,https://huggingface.co/papers/2506.13000v2,1750000000,y,archive\n';
    expect(run(text)).toEqual({
      format: 'csv',
      papers: [bare('2506.13000', { title: 'A', savedAt: '2025-06-15T15:06:40.000Z', updatedAt: '2025-06-26T08:00:00.000Z', tags: ['x', 'y'], read: true })],
      topics: [],
      skipped: 0,
      errors: [],
      warnings: ['2506.13000 appears in more than one row; they were combined.'],
    });
  });

  it('keeps <script> in a title as inert text', () => {
    const r = run('title,url,time_added\n<script>alert(1)</script>,https://arxiv.org/abs/2506.13000,1\n');
    expect(r.papers[0]!.title).toBe('<script>alert(1)</script>');
  });
});

describe('CSV errors', () => {
  it('an unknown header lists the expected columns', () => {
    expect(parseImport('export.csv', 'name,link\nx,https://arxiv.org/abs/2506.13000\n', NOW)).toEqual({
      format: 'csv',
      papers: [],
      topics: [],
      skipped: 0,
      errors: [`CSV header not recognised: ${EXPECTED_COLUMNS}; found "name,link".`],
      warnings: [],
    });
  });

  it('an unclosed quote names the row', () => {
    expect(run('title,url,time_added\nok,https://arxiv.org/abs/2506.13000,1\n"broken,https://arxiv.org/abs/2506.13001,1\n').errors).toEqual([
      'CSV line 3: a quoted value is not closed properly.',
    ]);
  });

  it('a row with the wrong number of columns names the row', () => {
    expect(run('title,url,time_added\nok,https://arxiv.org/abs/2506.13000\n').errors).toEqual([
      'CSV row 2: too few fields: expected 3 fields but parsed 2.',
    ]);
  });

  it.each([
    ['id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite', 'raindrop'],
    ['"id","title","url","created"', 'raindrop'],
    ['title,url,time_added,cursor,tags,status', 'pocket'],
    ['Title, URL, Time_Added', 'pocket'],
    ['title,url', null],
    ['', null],
  ])('layout of %j is %s', (header, layout) => {
    expect(csvLayout(header)).toBe(layout);
  });

  it.each([
    ["'=1+1", '=1+1'],
    ["'+x", '+x'],
    ["'-x", '-x'],
    ["'@x", '@x'],
    ["'\tx", '\tx'],
    ["'quoted'", "'quoted'"],
    ['plain', 'plain'],
  ])('unneutralise %j → %j', (cell, value) => {
    expect(unneutralise(cell)).toBe(value);
  });
});
