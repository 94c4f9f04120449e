// @vitest-environment jsdom
/**
 * Hostile payloads sent straight to the background through the real listener, as an extension page
 * could send them (a compromised or buggy page validates nothing): each is refused with a clear
 * message and the library is left exactly as it was. jsdom: the bookmarks importer needs DOMParser.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import { toJson } from '../../../utils/export/json';
import { parseImport } from '../../../utils/import';
import type { MessageType, Reply } from '../../../utils/protocol/messages';
import { createListener, type Handlers } from '../../../utils/protocol/router';
import type { Paper } from '../../../utils/types';
import { fixture } from '../import/sample';

const NOW = new Date('2026-11-25T10:00:00.000Z');
let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;

beforeEach(async () => {
  name = `input-${++n}`;
  handlers = createHandlers(async () => (open ??= await db.openPapershelfDb(name)), () => NOW, () => undefined);
  await handlers.save({ card: { id: '2506.13000', title: 'Spec2RTL-Agent', abstract: 'Hardware code generation.' } }, { kind: 'content', tabId: 1 });
  await handlers.saveTopic({ topic: { name: 'Agents', color: '#ff8800', include: ['agent*'], exclude: [], enabled: true } }, { kind: 'extension' });
});
afterEach(async () => {
  open?.close();
  open = undefined;
  await deleteDB(name);
});

/** A raw message (any payload at all) through the listener, from an extension page. */
function send(type: MessageType, payload: unknown): Promise<Reply<unknown>> {
  return createListener(handlers, () => 'extension')({ papershelf: 1, type, payload }, {})!;
}

const snapshot = () => handlers.dump(null, { kind: 'extension' });
const good = (over: Partial<Paper> = {}): Paper => ({
  id: '2506.13037', title: 'A paper', authors: [], savedAt: '2025-06-20T08:00:00.000Z', updatedAt: '2025-06-20T08:00:00.000Z',
  url: 'https://huggingface.co/papers/2506.13037', tags: [], note: '', read: false, ...over,
});

/** Nested arrays `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('importRecords: the background validates every record itself', { timeout: 60_000 }, () => {
  const hostile: Array<[string, unknown, RegExp]> = [
    ['no payload', null, /"dryRun" must be true or false/],
    ['a payload that is a list', [[], []], /"dryRun" must be true or false/],
    ['papers not a list', { papers: 'all', topics: [], dryRun: false }, /expected lists of papers and topics/],
    ['topics not a list', { papers: [], topics: {}, dryRun: false }, /expected lists of papers and topics/],
    ['dryRun missing', { papers: [good()], topics: [] }, /"dryRun" must be true or false/],
    ['dryRun a string', { papers: [good()], topics: [], dryRun: 'no' }, /"dryRun" must be true or false/],
    ['a paper that is not an object', { papers: [good(), 42], topics: [], dryRun: false }, /papers\[1\]: expected an object, found 42/],
    ['an id that is not an arXiv id', { papers: [good({ id: '<img src=x onerror=alert(1)>' })], topics: [], dryRun: false }, /papers\[0\]\.id: .* is not an arXiv id/],
    ['an id with a path', { papers: [good({ id: '../../etc/passwd' })], topics: [], dryRun: false }, /is not an arXiv id/],
    ['an empty id', { papers: [good({ id: '' })], topics: [], dryRun: false }, /is not an arXiv id/],
    ['no title', { papers: [{ ...good(), title: undefined }], topics: [], dryRun: false }, /papers\[0\]\.title: missing/],
    ['a number as title', { papers: [good({ title: 7 as unknown as string })], topics: [], dryRun: false }, /papers\[0\]\.title: expected a string/],
    ['__proto__ key', { papers: [JSON.parse('{"id":"2506.13037","title":"x","__proto__":{"polluted":true}}')], topics: [], dryRun: false }, /forbidden key/],
    ['constructor deep inside', { papers: [{ ...good(), extra: { a: [{ constructor: { prototype: {} } }] } }], topics: [], dryRun: false }, /forbidden key "constructor"/],
    ['a javascript: thumbnail', { papers: [good({ thumbnail: 'javascript:alert(1)' })], topics: [], dryRun: false }, /thumbnail: .* is not an http\(s\) URL/],
    ['a data: repo link', { papers: [good({ githubRepo: 'data:text/html,<script>alert(1)</script>' })], topics: [], dryRun: false }, /githubRepo: .* is not an http\(s\) URL/],
    ['an impossible date', { papers: [good({ savedAt: '2025-02-30' })], topics: [], dryRun: false }, /savedAt: "2025-02-30" is not an ISO date/],
    ['negative upvotes', { papers: [good({ upvotes: -1 })], topics: [], dryRun: false }, /upvotes: expected a whole number/],
    ['tags not strings', { papers: [good({ tags: [{}] as unknown as string[] })], topics: [], dryRun: false }, /tags\[0\]: expected a non-empty string/],
    ['10,001 authors', { papers: [good({ authors: Array.from({ length: 10_001 }, () => 'A') })], topics: [], dryRun: false }, /authors: more than 10000 items/],
    ['an author of 1,001 characters', { papers: [good({ authors: ['a'.repeat(1001)] })], topics: [], dryRun: false }, /authors\[0\]: longer than 1000 characters/],
    ['100,000 nested arrays as authors', { papers: [good({ authors: nested(100_000) as string[] })], topics: [], dryRun: false }, /authors\[0\]: expected a string, found an array/],
    ['50,001 papers', { papers: Array.from({ length: 50_001 }, () => 0), topics: [], dryRun: false }, /at most 50,000 papers/],
    ['501 topics', { papers: [], topics: Array.from({ length: 501 }, () => 0), dryRun: false }, /at most 500 topics/],
    ['a topic colour that is CSS', { papers: [], topics: [{ id: 't', name: 'x', color: 'red;background:url(//evil)' }], dryRun: false }, /topics\[0\]\.color: /],
    ['a topic without a name', { papers: [], topics: [{ id: 't', name: '  ' }], dryRun: false }, /topics\[0\]\.name: expected a non-empty string/],
    ['one bad record among 10,000 good ones', { papers: [...Array.from({ length: 9_999 }, (_, i) => good({ id: `2501.${10000 + i}` })), good({ id: 'nope' })], topics: [], dryRun: false }, /papers\[9999\]\.id/],
  ];

  it.each(hostile)('%s: refused, nothing changed', async (_what, payload, message) => {
    const before = await snapshot();
    const reply = await send('importRecords', payload);
    expect(reply.ok).toBe(false);
    expect((reply as { error: string }).error).toMatch(message);
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists at most 10 problems, then how many more', async () => {
    const reply = await send('importRecords', { papers: Array.from({ length: 25 }, () => good({ id: 'bad' })), topics: [], dryRun: false });
    const lines = (reply as { error: string }).error.split('\n');
    expect(lines[0]).toBe('Import refused, nothing was changed:');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('…and 15 more');
  });

  it('never stores what it was sent: records are rebuilt field by field (url from the id, unknown keys dropped)', async () => {
    const reply = await send('importRecords', { papers: [{ ...good(), url: 'https://evil.example/', onclick: 'alert(1)', id: '2506.13037v3' }], topics: [], dryRun: false, lossless: true });
    expect(reply).toEqual({ ok: true, data: { added: 1, updated: 0, unchanged: 0, topics: 0 } });
    const stored = (await snapshot()).papers.find((p) => p.id === '2506.13037')!;
    expect(stored.url).toBe('https://huggingface.co/papers/2506.13037');
    expect(stored).not.toHaveProperty('onclick');
  });

  it('accepts every record each importer produces from the fixture files and from its own exports', async () => {
    const files = ['papershelf-v1.json', 'scholar.bib', 'chrome.html', 'firefox.html', 'raindrop.csv', 'pocket.csv'];
    for (const f of files) {
      const r = parseImport(f, fixture(f), NOW);
      expect(r.errors, f).toEqual([]);
      expect(r.papers.length, f).toBeGreaterThan(0);
      const reply = await send('importRecords', { papers: r.papers, topics: r.topics, dryRun: true, lossless: r.format === 'papershelf-json' });
      expect(reply, f).toMatchObject({ ok: true });
    }
    const { papers, topics } = await snapshot();
    const back = parseImport('backup.json', toJson(papers, topics, NOW), NOW);
    expect(await send('importRecords', { papers: back.papers, topics: back.topics, dryRun: false, lossless: true })).toEqual({
      ok: true,
      data: { added: 0, updated: 0, unchanged: 1, topics: 0 },
    });
  });

  it('a lossy file with a 2,001-character thumbnail or a 101-character class: the importer drops the field, the background accepts', async () => {
    const csv = `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\r\n1,T,,,https://arxiv.org/abs/2506.13037,x,,2025-01-01,https://a.example/${'x'.repeat(2000)},,false\r\n`;
    const r = parseImport('raindrop.csv', csv, NOW);
    expect(r.errors).toEqual([]);
    expect(r.papers[0]).not.toHaveProperty('thumbnail');
    const bib = `@article{k, title={T}, eprint={2506.13037}, archivePrefix={arXiv}, primaryClass={${'a'.repeat(101)}}}`;
    const b = parseImport('x.bib', bib, NOW);
    expect(b.errors).toEqual([]);
    expect(b.papers[0]).not.toHaveProperty('primaryClass');
    for (const p of [r.papers, b.papers]) expect(await send('importRecords', { papers: p, topics: [], dryRun: true, lossless: false })).toMatchObject({ ok: true });
  });
});

describe('saveTopic: the background validates the topic itself', () => {
  const topic = (over: Record<string, unknown> = {}) => ({ name: 'Vision', color: '#00ff00', include: ['image'], exclude: [], enabled: true, ...over });
  const hostile: Array<[string, unknown, RegExp]> = [
    ['no topic', null, /Expected a topic/],
    ['a topic that is a string', 'Vision', /Expected a topic/],
    ['an empty name', topic({ name: '' }), /The topic needs a name/],
    ['a blank name (zero-width and RTL marks only)', topic({ name: '\u200b\u200f \u202e' }), /The topic needs a name/],
    ['a name that is a list', topic({ name: ['Vision'] }), /The topic needs a name/],
    ['a 61-character name', topic({ name: 'n'.repeat(61) }), /longer than 60 characters/],
    ['a name with a comma', topic({ name: 'a,b' }), /cannot contain a comma/],
    ['a colour that is not a string', topic({ color: 1 }), /colour must be "#rrggbb"/],
    ['include a string, not a list', topic({ include: 'image' }), /lists of at most 2,000 lines/],
    ['include with an object', topic({ include: [{ toString: 'x' }] }), /lists of at most 2,000 lines/],
    ['2,001 lines', topic({ include: Array.from({ length: 2001 }, () => '# comment') }), /lists of at most 2,000 lines/],
    ['201 terms', topic({ include: Array.from({ length: 201 }, (_, i) => `term${i}`) }), /Too many terms \(201\)/],
    ['a 10,000-character term', topic({ include: ['a'.repeat(10_000)] }), /longer than 200 characters/],
    ['only exclusions', topic({ include: ['-image'] }), /Add at least one include term/],
    ['an invalid regex', topic({ include: ['/(a/'] }), /Invalid term "\/\(a\/"/],
    ['an unterminated class', topic({ include: ['/[a-/'] }), /Invalid term/],
    ['catastrophic backtracking (a+)+$', topic({ include: ['/(a+)+$/'] }), /can take forever/],
    ['catastrophic backtracking (\\w+\\s?)*$', topic({ include: ['/(\\w+\\s?)*$/'] }), /can take forever/],
    ['catastrophic backtracking (a|aa)+b', topic({ include: ['/(a|aa)+b/'] }), /can take forever/],
    ['overlapping .*x.*y.*z', topic({ include: ['/.*x.*y.*z/'] }), /can take forever/],
    ['a backreference', topic({ include: ['/(a)\\1/'] }), /backreferences are not supported/],
    ['a regex matching empty text', topic({ include: ['/x?/'] }), /matches empty text/],
    ['"enabled" a string', topic({ enabled: 'yes' }), /"enabled" must be true or false/],
    ['an id that is an object', topic({ id: { $gt: '' } }), /topic id must be text/],
  ];

  it.each(hostile)('%s: refused with a clear message, nothing changed', async (_what, payload, message) => {
    const before = await snapshot();
    const reply = await send('saveTopic', { topic: payload });
    expect(reply.ok).toBe(false);
    expect((reply as { error: string }).error).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('10,000 bad terms (as 2,000 lines): at most 10 messages, then how many more', async () => {
    const reply = await send('saveTopic', { topic: topic({ include: Array.from({ length: 2000 }, () => '/(a/') }) });
    const lines = (reply as { error: string }).error.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe('…and 1,991 more');
  });

  it('a name with markup is stored as text; terms are trimmed; extra fields are dropped', async () => {
    const reply = await send('saveTopic', { topic: { ...topic({ name: '<img src=x onerror=alert(1)>', include: ['  image  ', ''] }), order: -5, __proto__: { x: 1 }, evil: true } });
    expect(reply).toMatchObject({ ok: true, data: { name: '<img src=x onerror=alert(1)>', include: ['image'], order: 1 } });
    expect((reply as { data: object }).data).not.toHaveProperty('evil');
  });
});

describe('other messages with the wrong shapes', () => {
  it.each([
    ['update', { ids: ['2506.13000'], patch: { tags: 'a,b' } }, /Expected tags as lists of text/],
    ['update', { ids: ['2506.13000'], patch: { note: { text: 'x' } } }, /a note as text/],
    ['update', { ids: ['2506.13000'], patch: null }, /Expected tags/],
    ['update', { ids: Array.from({ length: 5001 }, () => '2506.13000'), patch: {} }, /Expected a list of paper ids/],
    ['remove', { ids: '2506.13000' }, /Expected a list of paper ids/],
    ['deleteTopic', { id: ['t'] }, /Expected a topic id/],
    ['reorderTopics', { ids: [1, 2] }, /Expected a list of paper ids/],
    ['setMode', { mode: '<script>' }, /Unknown display mode/],
    ['unsave', { id: { $ne: 1 } }, /Expected a list of paper ids/],
  ] as const)('%s %j: refused, nothing changed', async (type, payload, message) => {
    const before = await snapshot();
    const reply = await send(type, payload);
    expect(reply.ok).toBe(false);
    expect((reply as { error: string }).error).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });
});
