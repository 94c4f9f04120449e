import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import { createListener } from '../../../utils/protocol/router';
import { classifySender } from '../../../utils/protocol/sender';
import { scanIds } from '../../../utils/library/search';
import { SYNC_KEY } from '../../../utils/protocol/sync';
import type { Reply } from '../../../utils/protocol/messages';
import type { Handlers } from '../../../utils/protocol/router';

let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;
let enriched: string[] = [];
const ext = { kind: 'extension' as const };
const content = { kind: 'content' as const, tabId: 7 };
const NOW = new Date('2026-11-25T10:00:00.000Z');

beforeEach(() => {
  name = `handlers-${++n}`;
  enriched = [];
  // Enrichment is recorded, not run: it has its own tests and must not touch the network.
  handlers = createHandlers(async () => (open ??= await db.openPapershelfDb(name)), () => NOW, (_g, id) => enriched.push(id));
});
afterEach(async () => {
  open?.close();
  open = undefined;
  await deleteDB(name);
});

const card = (id: string, title = `Paper ${id}`) => ({ id, title, abstract: 'We study diffusion models for code.', upvotes: 3 });

describe('background handlers', () => {
  it('save → lookup → unsave, publishing each change on the sync key', async () => {
    const { paper: saved, seq: savedSeq } = await handlers.save({ card: { ...card('2506.13000v2'), title: 'Paper 2506.13000' } }, content);
    expect(enriched).toEqual(['2506.13000']);
    expect(saved).toMatchObject({ id: '2506.13000', title: 'Paper 2506.13000', savedAt: NOW.toISOString(), url: 'https://huggingface.co/papers/2506.13000', tags: [], note: '', read: false, upvotes: 3 });
    // The reply carries the seq of the change event it published (the saving tab hears both).
    expect((await fakeBrowser.storage.local.get(SYNC_KEY))[SYNC_KEY]).toMatchObject({ saved: { '2506.13000': true }, seq: savedSeq });
    const res = await handlers.lookup({ ids: ['2506.13000', '2506.13037'] }, content);
    expect(res).toEqual({ saved: ['2506.13000'], seen: [], dimSeen: false, topics: [], mode: 'highlight', seq: expect.any(Number), recommend: false });
    expect(res.seq).toBeGreaterThanOrEqual(savedSeq);
    const { seq: unsavedSeq } = await handlers.unsave({ id: '2506.13000' }, content);
    expect(unsavedSeq).toBeGreaterThan(res.seq); // a change after a lookup's read is newer than its reply
    expect((await handlers.lookup({ ids: ['2506.13000'] }, content)).saved).toEqual([]);
    expect((await fakeBrowser.storage.local.get(SYNC_KEY))[SYNC_KEY]).toMatchObject({ saved: { '2506.13000': false }, seq: unsavedSeq });
  });

  it('saving again keeps the user data and the first savedAt', async () => {
    await handlers.save({ card: card('2506.13000') }, content);
    await handlers.update({ ids: ['2506.13000'], patch: { addTags: ['to-read'], note: 'look at table 2', read: true } }, ext);
    const { paper: again } = await handlers.save({ card: card('2506.13000', 'New title') }, content);
    expect(again).toMatchObject({ title: 'New title', tags: ['to-read'], note: 'look at table 2', read: true, savedAt: NOW.toISOString() });
  });

  it('refuses a card that is not an arXiv paper', async () => {
    await expect(handlers.save({ card: { id: '<script>', title: 'x' } }, content)).rejects.toThrow('Not an arXiv paper id.');
  });

  it('tags a saved paper with the topics it matches', async () => {
    await handlers.saveTopic({ topic: { name: 'Diffusion', color: '#ff0000', include: ['diffusion'], exclude: [], enabled: true } }, ext);
    await handlers.saveTopic({ topic: { name: 'Vision', color: '#00ff00', include: ['image'], exclude: [], enabled: true } }, ext);
    const { paper: p } = await handlers.save({ card: card('2506.13000') }, content);
    expect(p.tags).toEqual(['Diffusion']);
  });

  it('matches cards for content scripts: the enabled topics in the lookup, matches with terms and ranges, the badge set', async () => {
    await handlers.saveTopic({ topic: { name: 'Diffusion', color: '#ff0000', include: ['diffusion models', 'ddpm*'], exclude: ['audio'], enabled: true } }, ext);
    await handlers.saveTopic({ topic: { name: 'Off', color: '#00ff00', include: ['diffusion'], exclude: [], enabled: false } }, ext);
    const diffusion = (await handlers.topics(null, ext)).find((t) => t.name === 'Diffusion')!;
    const brief = { id: diffusion.id, name: 'Diffusion', color: '#ff0000' };
    expect((await handlers.lookup({ ids: [] }, content)).topics).toEqual([brief]);

    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const cards = [
      { id: '2506.13000', title: 'Diffusion Models for Code', abstract: 'We train DDPMs.' },
      { id: '2506.13001', title: 'Diffusion models for audio', abstract: 'Speech.' },
      { id: '2506.13002', title: 'Transformers', keywords: ['diffusion models'] },
      { id: 'not-an-id', title: 'Diffusion models' },
      { title: 'no id' },
    ];
    const res = await handlers.match({ cards: cards as never }, content);
    expect(res.topics).toEqual([brief]);
    expect(Object.keys(res.matches).sort()).toEqual(['2506.13000', '2506.13002']);
    expect(res.matches['2506.13000']).toEqual([
      {
        topicId: diffusion.id,
        name: 'Diffusion',
        color: '#ff0000',
        terms: ['Diffusion Models', 'DDPMs'],
        ranges: [
          { field: 'title', start: 0, end: 16 },
          { field: 'abstract', start: 9, end: 14 },
        ],
      },
    ]);
    expect(JSON.parse(JSON.stringify(res))).toEqual(res); // plain data, as messages carry it
    expect(badge).toHaveBeenLastCalledWith({ tabId: 7, text: '2' });
    await expect(handlers.match({ cards: 'nope' as never }, content)).rejects.toThrow('Expected at most 5,000 cards to match.');
  });

  it('rejects invalid and duplicate topics with a message, saving nothing', async () => {
    await expect(handlers.saveTopic({ topic: { name: ' ', color: '#000000', include: ['x'], exclude: [], enabled: true } }, ext)).rejects.toThrow();
    await handlers.saveTopic({ topic: { name: 'RL', color: '#000000', include: ['reinforcement'], exclude: [], enabled: true } }, ext);
    await expect(handlers.saveTopic({ topic: { name: 'rl', color: '#000000', include: ['x'], exclude: [], enabled: true } }, ext)).rejects.toThrow('A topic named "rl" already exists.');
    expect((await handlers.topics(null, ext)).map((t) => t.name)).toEqual(['RL']);
  });

  it('imports by merging, and a dry run changes nothing', async () => {
    await handlers.save({ card: card('2506.13000') }, content);
    const [existing] = (await handlers.dump(null, ext)).papers;
    const older = { ...existing!, note: 'old note', updatedAt: '2020-01-01T00:00:00.000Z' };
    const fresh = { ...existing!, id: '2506.13037', url: 'https://huggingface.co/papers/2506.13037' };
    const dry = await handlers.importRecords({ papers: [older, fresh], topics: [], dryRun: true, lossless: true }, ext);
    expect(dry).toEqual({ added: 1, updated: 0, unchanged: 1, topics: 0 });
    expect((await handlers.dump(null, ext)).papers).toHaveLength(1);
    await handlers.importRecords({ papers: [older, fresh], topics: [], dryRun: false, lossless: true }, ext);
    const after = (await handlers.dump(null, ext)).papers;
    expect(after.map((p) => p.id).sort()).toEqual(['2506.13000', '2506.13037']);
    expect(after.find((p) => p.id === '2506.13000')!.note).toBe('');
  });
});

describe('access control through the listener', () => {
  const ID = fakeBrowser.runtime.id;
  const BASE = `chrome-extension://${ID}/`;
  const call = (msg: unknown, sender: object): Promise<Reply<unknown>> =>
    createListener(handlers, (s) => classifySender(s, ID, BASE))(msg, sender) ?? Promise.resolve({ ok: false, error: 'no reply' });
  const contentSender = { id: ID, url: 'https://huggingface.co/papers', origin: 'https://huggingface.co', tab: { id: 3 } };
  const pageSender = { id: ID, url: `${BASE}library.html`, origin: `chrome-extension://${ID}`, tab: { id: 9 } };

  it.each(['dump', 'list', 'wipe', 'remove', 'importRecords', 'update', 'saveTopic', 'deleteTopic', 'setMode'])(
    'refuses "%s" from a content script',
    async (type) => {
      const reply = await call({ papershelf: 1, type, payload: { ids: ['2506.13000'], papers: [], topics: [], dryRun: false } }, contentSender);
      expect(reply).toEqual({ ok: false, error: `Papershelf refused "${type}": not allowed from this page.` });
    },
  );

  it('answers a content script lookup and an extension page dump', async () => {
    expect(await call({ papershelf: 1, type: 'lookup', payload: { ids: [] } }, contentSender)).toEqual({ ok: true, data: { saved: [], seen: [], dimSeen: false, topics: [], mode: 'highlight', seq: expect.any(Number), recommend: false } });
    expect(await call({ papershelf: 1, type: 'dump', payload: null }, pageSender)).toEqual({ ok: true, data: { papers: [], topics: [] } });
  });

  it('ignores messages that are not ours and reports handler errors', async () => {
    const listener = createListener(handlers, (s) => classifySender(s, ID, BASE));
    expect(listener({ type: 'dump' }, pageSender)).toBeUndefined();
    expect(await call({ papershelf: 1, type: 'lookup', payload: { ids: 'nope' } }, contentSender)).toEqual({ ok: false, error: 'Expected a list of paper ids.' });
  });
});

describe('the popup search is the library search', () => {
  it('finds with the library page’s rule (scanIds): every word, each as a word prefix, accents ignored', async () => {
    await handlers.save({ card: { id: '2506.13000', title: 'Diffusion models for code', authors: ['Zoë Ångström'] } }, content);
    await handlers.save({ card: { id: '2506.13037', title: 'Code LLMs survey' } }, content);
    await handlers.update({ ids: ['2506.13037'], patch: { addTags: ['reading-group'] } }, ext);
    const ids = async (query: string) => (await handlers.list({ query, limit: 50 }, ext)).papers.map((p) => p.id).sort();
    expect(await ids('code')).toEqual(['2506.13000', '2506.13037']);
    expect(await ids('diff cod')).toEqual(['2506.13000']);
    expect(await ids('angstrom')).toEqual(['2506.13000']);
    expect(await ids('reading')).toEqual(['2506.13037']);
    expect(await ids('fusion')).toEqual([]); // inside a word: not a word prefix
    const all = (await handlers.dump(null, ext)).papers;
    for (const q of ['code', 'diff cod', 'angstrom', 'reading', 'fusion', '2506.130'])
      expect(await ids(q)).toEqual([...(scanIds(all, q)?.keys() ?? [])].sort());
    expect((await handlers.list({ query: '  ', limit: 1 }, ext)).papers).toHaveLength(1); // blank: the newest
  });
});
