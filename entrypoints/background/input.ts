/**
 * Every message's input check, in one place: the background trusts no sender (a content script
 * reads a hostile page; an extension page may be buggy or compromised, or a message typed by hand).
 * `INPUT` turns each raw payload into its typed request or throws a clear message; `checked` puts
 * it in front of every handler, so handlers only see checked input.
 */
import { capped } from '@/utils/capped';
import { isRecord, LIMITS, validatePaper, validateTopic as validateTopicRecord } from '@/utils/import/validate';
import { MAX_IDS, type MatchCard, type MessageType, type Protocol, type Req, type TopicInput } from '@/utils/protocol/messages';
import { normaliseId } from '@/utils/detection/paper-id';
import { cleanCard } from '@/utils/store/paper-record';
import type { Handlers } from '@/utils/protocol/router';
import { validateTopic } from '@/utils/topics';
import type { DisplayMode, Paper, SeenEntry, Topic } from '@/utils/types';

/** At most 10 messages, then "…and N more". */
export const firstErrors = (errors: string[]) => capped(errors, 10);

export const isStringList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string');

/** A topic from an extension page, checked for shape before its terms are (the page is not trusted). */
export function topicInput(raw: unknown): TopicInput {
  if (!isRecord(raw)) throw new Error('Expected a topic.');
  const { id, name, color, include, exclude, enabled } = raw;
  if (id !== undefined && typeof id !== 'string') throw new Error('The topic id must be text.');
  if (typeof name !== 'string') throw new Error('The topic needs a name.');
  if (typeof color !== 'string') throw new Error('The topic colour must be "#rrggbb".');
  // Blank lines and # comments are allowed, so a list may be longer than the term limit, but not unbounded.
  if (!isStringList(include, 2000) || !isStringList(exclude, 2000))
    throw new Error('Include and Exclude must be lists of at most 2,000 lines of text.');
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new Error('"enabled" must be true or false.');
  // Invisible characters (zero-width, bidi marks) at the ends do not make a name.
  return { id, name: name.replace(/^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu, ''), color, include, exclude, enabled: enabled !== false };
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/**
 * Cards a content script sends for matching: page text, so bounded in number and length; entries
 * that are not cards are left out.
 */
export function matchInput(raw: unknown): MatchCard[] {
  if (!Array.isArray(raw) || raw.length > MAX_IDS) throw new Error(`Expected at most ${MAX_IDS.toLocaleString('en-US')} cards to match.`);
  const out: MatchCard[] = [];
  for (const c of raw) {
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.title !== 'string') continue;
    const id = normaliseId(c.id);
    if (!id) continue;
    const keywords = Array.isArray(c.keywords) ? c.keywords.slice(0, 50).filter((k): k is string => typeof k === 'string').map((k) => k.slice(0, 200)) : undefined;
    out.push({ id, title: c.title.slice(0, 2000), abstract: text(c.abstract, 20_000), keywords, organization: text(c.organization, 300) });
  }
  return out;
}

/**
 * Records sent for import, validated again here: the page parsed and validated them, but the
 * background trusts no page. Any invalid record refuses the whole import.
 */
export function importedRecords(papers: unknown, topics: unknown, nowIso: string): { papers: Paper[]; topics: Topic[] } {
  if (!Array.isArray(papers) || !Array.isArray(topics)) throw new Error('Import refused: expected lists of papers and topics. Nothing was changed.');
  if (papers.length > LIMITS.papers)
    throw new Error(`Import refused: at most ${LIMITS.papers.toLocaleString('en-US')} papers can be imported at once. Nothing was changed.`);
  if (topics.length > LIMITS.topics)
    throw new Error(`Import refused: at most ${LIMITS.topics.toLocaleString('en-US')} topics can be imported. Nothing was changed.`);
  const errors: string[] = [];
  const ctx = { nowIso, warnings: [] };
  const out = { papers: [] as Paper[], topics: [] as Topic[] };
  papers.forEach((raw, i) => {
    const r = validatePaper(raw, `papers[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.papers.push(r);
  });
  topics.forEach((raw, i) => {
    const r = validateTopicRecord(raw, `topics[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.topics.push(r);
  });
  if (errors.length) throw new Error(`Import refused, nothing was changed:\n${firstErrors(errors).join('\n')}`);
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Seen entries sent for import (from a backup), checked again: any invalid one refuses the import. */
export function seenInput(raw: unknown): SeenEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > LIMITS.seen)
    throw new Error(`Import refused: expected at most ${LIMITS.seen.toLocaleString('en-US')} seen papers. Nothing was changed.`);
  return raw.map((e, i) => {
    const id = isRecord(e) && typeof e.id === 'string' ? normaliseId(e.id) : null;
    if (!id || !isRecord(e) || typeof e.firstSeenAt !== 'string' || typeof e.lastSeenAt !== 'string' || !ISO.test(e.firstSeenAt) || !ISO.test(e.lastSeenAt))
      throw new Error(`Import refused, nothing was changed:\nseen[${i}]: expected { id, firstSeenAt, lastSeenAt } with an arXiv id and ISO dates.`);
    return { id, firstSeenAt: e.firstSeenAt, lastSeenAt: e.lastSeenAt };
  });
}

/** A list of at most MAX_IDS paper ids (text; unknown ids simply match nothing). */
export function idList(list: unknown): string[] {
  if (!isStringList(list, MAX_IDS)) throw new Error('Expected a list of paper ids.');
  return list;
}

type Patch = Protocol['update']['req']['patch'];

/** An edit of papers from the library page: tags as lists of text, a note as text, read as true/false. */
export function patchInput(patch: unknown): Patch {
  if (
    !isRecord(patch) ||
    [patch.tags, patch.addTags, patch.removeTags].some((t) => t !== undefined && !isStringList(t, LIMITS.list)) ||
    (patch.note !== undefined && typeof patch.note !== 'string') ||
    (patch.read !== undefined && typeof patch.read !== 'boolean')
  )
    throw new Error('Expected tags as lists of text, a note as text and read as true or false.');
  return patch as Patch;
}

const MODES: readonly DisplayMode[] = ['highlight', 'dim', 'hide'];

/** A payload as the router hands it over: always an object (a payload that is not one arrives as {}). */
type Raw = Record<string, unknown>;

/** Each message's check; a message missing here fails to typecheck. */
export const INPUT: { [T in MessageType]: (raw: Raw, nowIso: string) => Req<T> } = {
  lookup: (p) => ({ ids: idList(p.ids) }),
  match: (p) => ({ cards: matchInput(p.cards) }),
  notInterested: (p) => {
    const [card] = matchInput([p.card]);
    if (!card) throw new Error('Expected a paper card (id and title).');
    return { card };
  },
  forgetNotInterested: (p) => ({ ids: idList(p.ids) }),
  save: (p) => ({ card: cleanCard(p.card) }),
  unsave: (p) => ({ id: idList([p.id])[0]! }),
  report: (p) => ({ matching: Math.max(0, Number(p.matching) || 0) }),
  list: ({ query, limit }) => {
    if (query !== undefined && typeof query !== 'string') throw new Error('Expected the search as text.');
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isFinite(limit))) throw new Error('Expected the limit as a number.');
    return { query, limit };
  },
  count: () => null,
  update: (p) => ({ patch: patchInput(p.patch), ids: idList(p.ids) }),
  remove: (p) => ({ ids: idList(p.ids) }),
  topics: () => null,
  saveTopic: (p) => {
    const topic = topicInput(p.topic);
    const errors = validateTopic(topic);
    if (errors.length) throw new Error(firstErrors(errors).join('\n'));
    return { topic };
  },
  deleteTopic: ({ id }) => {
    if (typeof id !== 'string') throw new Error('Expected a topic id.');
    return { id };
  },
  reorderTopics: (p) => ({ ids: idList(p.ids) }),
  settings: () => null,
  setMode: ({ mode }) => {
    if (!MODES.includes(mode as DisplayMode)) throw new Error(`Unknown display mode "${String(mode)}".`);
    return { mode: mode as DisplayMode };
  },
  setRecommend: ({ enabled, max }) => {
    if (enabled !== undefined && typeof enabled !== 'boolean') throw new Error('"enabled" must be true or false.');
    if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= 50)) throw new Error('At most 1 to 50 recommendations per page.');
    return { enabled, max: max as number | undefined };
  },
  notInterestedList: () => null,
  dump: (p) => ({ seen: p.seen === true }),
  importRecords: ({ papers, topics, seen, dryRun, lossless }, nowIso) => {
    if (typeof dryRun !== 'boolean') throw new Error('Import refused: "dryRun" must be true or false. Nothing was changed.');
    return { ...importedRecords(papers, topics, nowIso), seen: seenInput(seen), dryRun, lossless: lossless === true };
  },
  exported: () => null,
  wipe: () => null,
  // morning triage
  seen: (p) => ({ ids: [...new Set(idList(p.ids).map(normaliseId).filter((id): id is string => id !== null))] }),
  seenCount: () => null,
  seenEntries: () => null,
  forgetSeen: () => null,
  setDimSeen: ({ on }) => ({ on: onOff(on) }),
  today: ({ refresh }) => ({ refresh: refresh === true }),
  saveToday: ({ id }) => {
    const paperId = typeof id === 'string' ? normaliseId(id) : null;
    if (!paperId) throw new Error('Not an arXiv paper id.');
    return { id: paperId };
  },
  setNotify: ({ on }) => ({ on: onOff(on) }),
  // library sync
  hubStatus: () => null,
  hubConnect: ({ token, repo, allowPublic }) => {
    if (typeof token !== 'string' || (repo !== undefined && typeof repo !== 'string')) throw new Error('Expected a token and a repository name as text.');
    return { token, repo, allowPublic: allowPublic === true };
  },
  hubSync: () => null,
  hubDisconnect: () => null,
};

function onOff(on: unknown): boolean {
  if (typeof on !== 'boolean') throw new Error('Expected on: true or false.');
  return on;
}

/** `handlers` with each message's input check (`INPUT`) in front. */
export function checked(handlers: Handlers, nowIso: () => string): Handlers {
  const out: Record<string, unknown> = {};
  for (const type of Object.keys(INPUT) as MessageType[]) {
    const check = INPUT[type] as (raw: Raw, nowIso: string) => unknown;
    const handler = handlers[type] as (p: unknown, ctx: unknown) => Promise<unknown>;
    out[type] = async (raw: unknown, ctx: unknown) => handler(check(isRecord(raw) ? raw : {}, nowIso()), ctx);
  }
  return out as Handlers;
}
