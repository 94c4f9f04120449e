/**
 * The one file of the library in the user's Hugging Face dataset repository: papers without
 * abstracts (fetched again from the API on the other side), tags, notes, read flags, topics, and
 * tombstones of removed papers and topics.
 */
import { isRecord, validatePaper, validateTopic } from '../import/validate';
import { normaliseId } from '../detection/paper-id';
import type { Paper, Topic } from '../types';
import { emptyReplica, type Replica } from './merge';

export const SYNC_FILE = 'papershelf-library.json';
export const SYNC_FORMAT = 'papershelf-sync';
export const SYNC_VERSION = 1;

/**
 * The fields written, in this order (JSON.stringify's key list: the same bytes for the same
 * record). Not written: the abstract, and the local fetch bookkeeping (enrichedAt, enrichAttempts),
 * so the other side fetches the details itself.
 */
const PAPER_KEYS = ['id', 'title', 'authors', 'publishedAt', 'savedAt', 'updatedAt', 'url', 'thumbnail', 'upvotes', 'organization', 'githubRepo', 'aiKeywords', 'primaryClass', 'tags', 'note', 'read'];
const TOPIC_KEYS = ['id', 'name', 'color', 'include', 'exclude', 'enabled', 'order', 'updatedAt'];

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sortedEntries = (m: Map<string, string>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** The file's text. Sorted by id, one paper per line: small diffs on the Hub, same bytes for the same library. */
export function serialiseReplica(r: Replica, nowIso: string): string {
  const papers = [...r.papers.values()].sort(byId);
  const topics = [...r.topics.values()].sort(byId);
  const head = JSON.stringify({ format: SYNC_FORMAT, version: SYNC_VERSION, writtenAt: nowIso });
  const lines = [
    head.slice(0, -1) + ',"papers":[',
    papers.map((p) => JSON.stringify(p, PAPER_KEYS)).join(',\n'),
    '],"topics":',
    JSON.stringify(topics, TOPIC_KEYS),
    ',"removedPapers":',
    JSON.stringify(sortedEntries(r.removedPapers)),
    ',"removedTopics":',
    JSON.stringify(sortedEntries(r.removedTopics)),
    '}\n',
  ];
  return lines.join('');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Parse the file; throws a sentence saying what is wrong. */
export function parseReplica(text: string, nowIso: string): Replica {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The library file on the Hub is not valid JSON.');
  }
  if (!isRecord(raw) || raw.format !== SYNC_FORMAT) throw new Error('The file on the Hub is not a Papershelf library.');
  if (typeof raw.version !== 'number' || raw.version > SYNC_VERSION)
    throw new Error('The library on the Hub was written by a newer Papershelf: update this one to sync.');
  const out = emptyReplica();
  const ctx = { nowIso, warnings: [] as string[] };
  const errors: string[] = [];
  (Array.isArray(raw.papers) ? raw.papers : []).forEach((p, i) => {
    const r = validatePaper(p, `papers[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.papers.set(r.id, r);
  });
  (Array.isArray(raw.topics) ? raw.topics : []).forEach((t, i) => {
    const r = validateTopic(t, `topics[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.topics.set(r.id, r);
  });
  if (errors.length) throw new Error(`The library file on the Hub has invalid records (${errors[0]}).`);
  for (const [key, target, norm] of [
    ['removedPapers', out.removedPapers, normaliseId],
    ['removedTopics', out.removedTopics, (s: string) => s],
  ] as const) {
    const m = raw[key];
    if (!isRecord(m)) continue;
    for (const [id, at] of Object.entries(m)) {
      const nid = norm(id);
      if (nid && typeof at === 'string' && ISO.test(at)) target.set(nid, at);
    }
  }
  return out;
}

export function replicaOf(papers: Paper[], topics: Topic[], removedPapers: Record<string, string>, removedTopics: Record<string, string>): Replica {
  return {
    papers: new Map(papers.map((p) => [p.id, p])),
    topics: new Map(topics.map((t) => [t.id, t])),
    removedPapers: new Map(Object.entries(removedPapers)),
    removedTopics: new Map(Object.entries(removedTopics)),
  };
}
