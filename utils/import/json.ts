/** Papershelf JSON backup → validated records; any malformed record rejects the whole file. */
import type { Paper, SeenEntry, Topic } from '../types';
import { normaliseId } from '../detection/paper-id';
import { mergePaper } from './merge';
import { CURRENT_VERSION, migrate } from './json-migrations';
import { describe, isForbiddenKey, isRecord, LIMITS, type ParseOutput, validatePaper, validateTopic } from './validate';

const n = (x: number) => x.toLocaleString('en-US');

/** "line 3, column 14" of a string index. */
export function lineColumn(text: string, index: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${index - start + 1}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Index of the first character at which `s` stops being valid JSON, or -1. Engines word (and place)
 * their JSON.parse errors differently; this iterative scan gives one answer everywhere.
 */
export function jsonErrorIndex(s: string): number {
  const stack: string[] = [];
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after' = 'value';
  let i = 0;
  const string = (): boolean => {
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = s[++i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
      }
    }
    return false;
  };
  for (;;) {
    while (i < s.length && ' \t\n\r'.includes(s[i]!)) i++;
    if (i >= s.length) return state === 'after' && !stack.length ? -1 : s.length;
    const c = s[i]!;
    const top = stack[stack.length - 1];
    if (state === 'value' || state === 'firstValue') {
      if (c === '{' || c === '[') {
        stack.push(c);
        state = c === '{' ? 'firstKey' : 'firstValue';
        i++;
        continue;
      }
      if (state === 'firstValue' && c === ']') {
        stack.pop();
        state = 'after';
        i++;
        continue;
      }
      if (c === '"') {
        if (!string()) return Math.min(i, s.length);
      } else {
        NUMBER.lastIndex = i;
        if (NUMBER.test(s)) {
          i = NUMBER.lastIndex;
          state = 'after';
          continue;
        }
        const word = ['true', 'false', 'null'].find((w) => w[0] === c);
        if (!word) return i;
        for (let k = 0; k < word.length; k++, i++) if (s[i] !== word[k]) return Math.min(i, s.length);
      }
      state = 'after';
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        stack.pop();
        state = 'after';
        i++;
      } else if (c === '"') {
        if (!string()) return Math.min(i, s.length);
        state = 'colon';
      } else return i;
    } else if (state === 'colon') {
      if (c !== ':') return i;
      state = 'value';
      i++;
    } else {
      if (!top) return i;
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return i;
      i++;
    }
  }
}

function syntaxError(text: string): string {
  const at = jsonErrorIndex(text);
  if (at === -1) return 'Not valid JSON.';
  if (at >= text.length) return `Not valid JSON: the file ends unexpectedly at ${lineColumn(text, text.length)} (is it cut short?).`;
  const c = text[at]!;
  const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? JSON.stringify(c) : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `Not valid JSON: unexpected ${shown} at ${lineColumn(text, at)}.`;
}

/** Duplicate ids merged (newest `updatedAt` wins, as in the library merge), with a warning each. */
function dedupe(papers: { paper: Paper; path: string }[], warnings: string[]): Paper[] {
  const byId = new Map<string, { paper: Paper; path: string }>();
  for (const cur of papers) {
    const prev = byId.get(cur.paper.id);
    if (!prev) byId.set(cur.paper.id, cur);
    else {
      warnings.push(`${cur.path}: ${cur.paper.id} is also ${prev.path}; the two were merged, the newer one winning.`);
      byId.set(cur.paper.id, { paper: mergePaper(prev.paper, cur.paper) ?? prev.paper, path: prev.path });
    }
  }
  return [...byId.values()].map((x) => x.paper);
}

export function parsePapershelfJson(text: string, now: Date): ParseOutput {
  const out: ParseOutput = { papers: [], topics: [], skipped: 0, errors: [], warnings: [] };
  const fail = (msg: string) => (out.errors.push(msg), out);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail(syntaxError(text));
  }
  const notOurs = 'this JSON file is not a Papershelf backup';
  if (!isRecord(doc)) return fail(`The file holds ${describe(doc)}, but ${notOurs} (expected an object with "format": "papershelf").`);
  if (doc.format === undefined) return fail(`format: missing; ${notOurs}.`);
  if (doc.format !== 'papershelf') return fail(`format: expected "papershelf", found ${describe(doc.format)}; ${notOurs}.`);
  const bad = Object.keys(doc).find(isForbiddenKey);
  if (bad) return fail(`${bad}: forbidden key.`);
  const version = doc.version;
  if (version === undefined) return fail('version: missing.');
  if (!Number.isSafeInteger(version) || (version as number) < 1)
    return fail(`version: expected a whole number from 1 to ${CURRENT_VERSION}, found ${describe(version)}.`);
  if ((version as number) > CURRENT_VERSION)
    return fail(
      `version: this backup is version ${version as number}, made by a newer Papershelf; update the extension to import it (this one reads up to version ${CURRENT_VERSION}).`,
    );
  const backup = migrate(doc, version as number);
  const { papers, topics = [], seen = [] } = backup;
  if (!Array.isArray(papers)) return fail(`papers: expected an array, found ${papers === undefined ? 'nothing' : describe(papers)}.`);
  if (!Array.isArray(topics)) return fail(`topics: expected an array, found ${describe(topics)}.`);
  if (!Array.isArray(seen)) return fail(`seen: expected an array, found ${describe(seen)}.`);
  if (seen.length > LIMITS.seen) return fail(`The file has ${n(seen.length)} seen papers; at most ${n(LIMITS.seen)} can be imported.`);
  if (papers.length > LIMITS.papers)
    return fail(`The file has ${n(papers.length)} papers; at most ${n(LIMITS.papers)} can be imported at once.`);
  if (topics.length > LIMITS.topics) return fail(`The file has ${n(topics.length)} topics; at most ${n(LIMITS.topics)} can be imported.`);

  const ignored = { papers: new Set<string>(), topics: new Set<string>() };
  const nowIso = now.toISOString();
  const valid: { paper: Paper; path: string }[] = [];
  papers.forEach((raw, i) => {
    const path = `papers[${i}]`;
    const r = validatePaper(raw, path, { nowIso, warnings: out.warnings, ignored: ignored.papers });
    if (Array.isArray(r)) out.errors.push(...r);
    else valid.push({ paper: r, path });
  });
  const topicIds = new Map<string, { topic: Topic; path: string }>();
  topics.forEach((raw, i) => {
    const path = `topics[${i}]`;
    const r = validateTopic(raw, path, { nowIso, warnings: out.warnings, ignored: ignored.topics });
    if (Array.isArray(r)) return void out.errors.push(...r);
    const prev = topicIds.get(r.id);
    if (prev) out.warnings.push(`${path}: topic id ${JSON.stringify(r.id)} is also ${prev.path}; kept the newer one.`);
    if (!prev || (r.updatedAt ?? '') > (prev.topic.updatedAt ?? '')) topicIds.set(r.id, { topic: r, path: prev?.path ?? path });
  });
  for (const [where, keys] of Object.entries(ignored))
    if (keys.size) out.warnings.push(`${where}: ignored unknown fields ${[...keys].map((k) => JSON.stringify(k)).join(', ')}.`);
  out.seen = validSeen(seen, out.errors);
  out.papers = dedupe(valid, out.warnings);
  out.topics = [...topicIds.values()].map((x) => x.topic);
  return out;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A backup's seen set: `{ id, firstSeenAt, lastSeenAt }` each, ids normalised, duplicates merged. */
function validSeen(seen: unknown[], errors: string[]): SeenEntry[] {
  const byId = new Map<string, SeenEntry>();
  seen.forEach((raw, i) => {
    const at = `seen[${i}]`;
    if (!isRecord(raw)) return void errors.push(`${at}: expected an object, found ${describe(raw)}.`);
    const id = typeof raw.id === 'string' ? normaliseId(raw.id) : null;
    if (!id) return void errors.push(`${at}.id: ${describe(raw.id)} is not an arXiv id.`);
    for (const k of ['firstSeenAt', 'lastSeenAt'] as const)
      if (typeof raw[k] !== 'string' || !ISO_TIME.test(raw[k] as string)) return void errors.push(`${at}.${k}: expected an ISO date-time, found ${describe(raw[k])}.`);
    const e = { id, firstSeenAt: raw.firstSeenAt as string, lastSeenAt: raw.lastSeenAt as string };
    const prev = byId.get(id);
    byId.set(id, prev ? { id, firstSeenAt: prev.firstSeenAt < e.firstSeenAt ? prev.firstSeenAt : e.firstSeenAt, lastSeenAt: prev.lastSeenAt > e.lastSeenAt ? prev.lastSeenAt : e.lastSeenAt } : e);
  });
  return [...byId.values()];
}
