/** One library for HF, arXiv and alphaXiv: where a paper was first saved, enrichment that a 404 ends, the JSON field. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ENRICH_ALARM, enrichOne, retryPending } from '../../../entrypoints/background/enrich';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { paperLinks } from '../../../entrypoints/library/papers/links';
import { sourceOfUrl } from '../../../utils/detection/arxiv';
import * as db from '../../../utils/store/db';
import { mergePaper } from '../../../utils/import/merge';
import { validatePaper } from '../../../utils/import/validate';
import { createListener } from '../../../utils/protocol/router';
import { classifySender } from '../../../utils/protocol/sender';
import type { Reply } from '../../../utils/protocol/messages';
import type { Handlers } from '../../../utils/protocol/router';
import type { Paper } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';

const API = JSON.parse(readFileSync(join(SITE_DIR, 'api/papers/2506.13000.json'), 'utf8'));
const NOW = new Date('2026-12-06T08:00:00.000Z');
let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;
const getDb = async () => (open ??= await db.openPapershelfDb(name));

beforeEach(() => {
  name = `arxiv-library-${++n}`;
  handlers = createHandlers(getDb, () => NOW, () => undefined);
});
afterEach(async () => {
  open?.close();
  open = undefined;
  await deleteDB(name);
});

const arxivCard = {
  id: '2506.13000v2',
  title: 'Spec2RTL-Agent',
  authors: ['Sofia Rossi', 'Jun Bianchi'],
  abstract: 'Despite recent progress in generating hardware RTL code with LLMs, existing solutions …',
  publishedAt: '2025-06-01T00:00:00.000Z',
  primaryClass: 'cs.AR',
};

describe('source: where a paper was first saved', () => {
  it.each([
    ['https://arxiv.org/list/cs.CL/new', 'arxiv'],
    ['https://arxiv.org/abs/2506.13000v2', 'arxiv'],
    ['https://www.alphaxiv.org/abs/2506.13000', 'alphaxiv'],
    ['https://alphaxiv.org/overview/2506.13000', 'alphaxiv'],
    ['https://huggingface.co/papers/trending', 'hf'],
    [undefined, 'hf'],
    ['not a url', 'hf'],
  ] as const)('%s → %s', (url, source) => {
    expect(sourceOfUrl(url)).toBe(source);
  });

  it('is taken from the sender page (not the payload), kept on later saves elsewhere, with the primary class', async () => {
    const { paper: first } = await handlers.save({ card: { ...arxivCard, source: 'hf' } as never }, { kind: 'content', tabId: 1, url: 'https://arxiv.org/list/cs.CL/new' });
    expect(first).toMatchObject({ id: '2506.13000', source: 'arxiv', primaryClass: 'cs.AR', authors: ['Sofia Rossi', 'Jun Bianchi'], url: 'https://huggingface.co/papers/2506.13000' });
    const { paper: again } = await handlers.save({ card: { id: '2506.13000', title: 'Spec2RTL-Agent' } }, { kind: 'content', tabId: 2, url: 'https://huggingface.co/papers/2506.13000' });
    expect(again.source).toBe('arxiv');
    const { paper: alpha } = await handlers.save({ card: { id: '2506.13037', title: 'Other' } }, { kind: 'content', tabId: 3, url: 'https://www.alphaxiv.org/abs/2506.13037v1' });
    expect(alpha.source).toBe('alphaxiv');
    const { paper: hf } = await handlers.save({ card: { id: '2506.13074', title: 'Third' } }, { kind: 'content', tabId: 4, url: 'https://huggingface.co/papers' });
    expect(hf.source).toBe('hf');
  });

  it('a bad primary class from a page is dropped', async () => {
    const { paper: p } = await handlers.save({ card: { ...arxivCard, primaryClass: '<b>x</b>' } }, { kind: 'content', tabId: 1, url: 'https://arxiv.org/abs/2506.13000' });
    expect(p.primaryClass).toBeUndefined();
  });

  it('content scripts on arXiv and alphaXiv are content senders (lookup allowed, dump refused); other sites are not', async () => {
    const ID = 'ext-id';
    const BASE = 'chrome-extension://ext-id/';
    const listener = createListener(handlers, (s) => classifySender(s, ID, BASE));
    const ask = async (url: string, type: string) =>
      (await listener({ papershelf: 1, type, payload: type === 'lookup' ? { ids: [] } : null }, { id: ID, url, tab: { id: 5 } })) as Reply<unknown>;
    for (const url of ['https://arxiv.org/list/cs.CL/new', 'https://www.alphaxiv.org/abs/2506.13000', 'https://alphaxiv.org/abs/2506.13000']) {
      expect((await ask(url, 'lookup')).ok).toBe(true);
      expect(classifySender({ id: ID, url, tab: { id: 5 } }, ID, BASE)).toBe('content');
      expect(await ask(url, 'dump')).toEqual({ ok: false, error: expect.stringMatching(/not allowed/) });
    }
    for (const url of ['https://arxiv.org.evil.example/list/cs.CL/new', 'http://arxiv.org/list/cs.CL/new', 'https://export.arxiv.org/abs/2506.13000'])
      expect(classifySender({ id: ID, url, tab: { id: 5 } }, ID, BASE)).toBe('unknown');
  });
});

describe('enrichment of arXiv-saved papers', () => {
  const respond = (status: number, body: string) => {
    const calls: string[] = [];
    const f = (async (url: string) => {
      calls.push(url);
      return new Response(body, { status });
    }) as unknown as typeof fetch;
    return { f, calls };
  };

  async function seedArxiv() {
    await handlers.save({ card: arxivCard }, { kind: 'content', tabId: 1, url: 'https://arxiv.org/abs/2506.13000v2' });
  }

  it('a 404 (not on HF) is final: arXiv metadata stays, no retry is scheduled, the alarm never asks again', async () => {
    await seedArxiv();
    const api = respond(404, '{"error":"Paper not found"}');
    expect(await enrichOne(getDb, '2506.13000', api.f)).toBe(false);
    const p = (await db.getPaper(await getDb(), '2506.13000'))!;
    expect(p).toMatchObject({ title: 'Spec2RTL-Agent', authors: ['Sofia Rossi', 'Jun Bianchi'], primaryClass: 'cs.AR', source: 'arxiv', publishedAt: '2025-06-01T00:00:00.000Z' });
    expect(p.notOnHfAt).toBeTypeOf('string');
    expect(p.enrichAttempts).toBeUndefined();
    expect(p.enrichedAt).toBeUndefined();
    expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toBeUndefined();
    // The retry alarm skips it; saving it again does not ask again either.
    await retryPending(getDb);
    const handlersWithEnrich: string[] = [];
    const h2 = createHandlers(getDb, () => NOW, (_g, id) => handlersWithEnrich.push(id));
    await h2.save({ card: arxivCard }, { kind: 'content', tabId: 1, url: 'https://arxiv.org/abs/2506.13000v2' });
    expect(handlersWithEnrich).toEqual([]);
  });

  it('a paper on HF is enriched as today, and keeps its source', async () => {
    await seedArxiv();
    expect(await enrichOne(getDb, '2506.13000', respond(200, JSON.stringify(API)).f)).toBe(true);
    const p = (await db.getPaper(await getDb(), '2506.13000'))!;
    expect(p.aiKeywords).toEqual(API.ai_keywords);
    expect(p.source).toBe('arxiv');
    expect(p.primaryClass).toBe('cs.AR');
    expect(p.notOnHfAt).toBeUndefined();
  });

  it('other failures still retry (503)', async () => {
    await seedArxiv();
    expect(await enrichOne(getDb, '2506.13000', respond(503, 'down').f)).toBe(false);
    const p = (await db.getPaper(await getDb(), '2506.13000'))!;
    expect(p.enrichAttempts).toBe(1);
    expect(p.notOnHfAt).toBeUndefined();
    expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toMatchObject({ name: ENRICH_ALARM });
  });
});

describe('JSON backups and links', () => {
  const ctx = () => ({ nowIso: NOW.toISOString(), warnings: [] as string[], ignored: new Set<string>() });
  const base = { id: '2506.13000', title: 'T', savedAt: '2026-12-01T00:00:00.000Z' };

  it('the validator keeps source and notOnHfAt, and refuses an unknown source with its path', () => {
    expect(validatePaper({ ...base, source: 'arxiv', notOnHfAt: '2026-12-02T00:00:00.000Z' }, 'papers[0]', ctx())).toMatchObject({ source: 'arxiv', notOnHfAt: '2026-12-02T00:00:00.000Z' });
    expect(validatePaper({ ...base, source: 'alphaxiv' }, 'papers[0]', ctx())).toMatchObject({ source: 'alphaxiv' });
    expect(validatePaper({ ...base }, 'papers[0]', ctx())).not.toHaveProperty('source');
    expect(validatePaper({ ...base, source: 'scholar' }, 'papers[3]', ctx())).toEqual(['papers[3].source: "scholar" is not one of "hf", "arxiv", "alphaxiv"']);
    expect(validatePaper({ ...base, source: 7 }, 'papers[0]', ctx())).toEqual(['papers[0].source: expected a string, found 7']);
  });

  it('merging keeps the source of the earlier save', () => {
    const a = validatePaper({ ...base, source: 'arxiv', savedAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z' }, 'p', ctx()) as Paper;
    const b = validatePaper({ ...base, source: 'hf', savedAt: '2026-12-03T00:00:00.000Z', updatedAt: '2026-12-04T00:00:00.000Z', note: 'n' }, 'p', ctx()) as Paper;
    expect(mergePaper(a, b)).toMatchObject({ source: 'arxiv', note: 'n', savedAt: '2026-12-01T00:00:00.000Z' });
    expect(mergePaper(b, a)).toMatchObject({ source: 'arxiv' });
  });

  it('every paper links to HF, the arXiv abstract, the PDF and alphaXiv', () => {
    const p = validatePaper({ ...base, id: 'hep-th/9901001' }, 'p', ctx()) as Paper;
    expect(paperLinks(p).map((l) => [l.label, l.href])).toEqual([
      ['Hugging Face', 'https://huggingface.co/papers/hep-th/9901001'],
      ['arXiv abstract', 'https://arxiv.org/abs/hep-th/9901001'],
      ['PDF', 'https://arxiv.org/pdf/hep-th/9901001'],
      ['alphaXiv', 'https://www.alphaxiv.org/abs/hep-th/9901001'],
    ]);
  });
});
