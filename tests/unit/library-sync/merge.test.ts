/**
 * The sync merge, with property tests: two replicas apply random interleavings of saves, edits,
 * removals, topic edits and deletions, syncing with each other at random moments; the final
 * merge is the same on both sides, idempotent, and loses no paper unless a removal is newer.
 * A small seeded generator (mulberry32) makes every run the same; the seed is in the test name.
 */
import { describe, expect, it } from 'vitest';
import { canonical, emptyReplica, localChanges, mergePaperVersions, mergeReplicas, tombstoneCutoff, type Replica } from '../../../utils/library-sync/merge';
import { parseReplica, serialiseReplica } from '../../../utils/library-sync/file';
import type { Paper, Topic } from '../../../utils/types';

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = '2026-12-06T00:00:00.000Z';
const at = (minute: number) => new Date(Date.parse('2026-12-01T00:00:00.000Z') + minute * 60_000).toISOString();

const paper = (id: string, t: string, over: Partial<Paper> = {}): Paper => ({
  id,
  title: `Paper ${id}`,
  authors: [],
  savedAt: t,
  updatedAt: t,
  url: `https://huggingface.co/papers/${id}`,
  tags: [],
  note: '',
  read: false,
  ...over,
});

const clone = (r: Replica): Replica => ({
  papers: new Map(r.papers),
  topics: new Map(r.topics),
  removedPapers: new Map(r.removedPapers),
  removedTopics: new Map(r.removedTopics),
});

const text = (r: Replica) => serialiseReplica(r, NOW);

/** Every version of every record any replica ever wrote, for the "nothing lost" oracle. */
interface History {
  papers: Map<string, Paper[]>;
  removed: Map<string, string[]>;
}

const IDS = ['2501.00001', '2501.00002', '2501.00003', '2501.00004', '2501.00005', '2501.00006'];
const TOPIC_IDS = ['t-a', 't-b', 't-c'];

/** Apply one random local operation to `r` at time `t`. Clocks may tie (same minute). */
function randomOp(rand: () => number, r: Replica, t: string, h: History): void {
  const id = IDS[Math.floor(rand() * IDS.length)]!;
  const roll = rand();
  const cur = r.papers.get(id);
  if (roll < 0.3) {
    // save (or re-save): a fresh record, some metadata known
    const p = paper(id, t, rand() < 0.5 ? { upvotes: Math.floor(rand() * 100), authors: ['A. Author'] } : { summary: 'An abstract.' });
    r.papers.set(id, cur ? mergePaperVersions(cur, p) : p);
    r.removedPapers.delete(id);
  } else if (roll < 0.6 && cur) {
    const edited = { ...cur, updatedAt: t, tags: rand() < 0.5 ? ['x'] : ['y', 'z'], note: `note ${Math.floor(rand() * 5)}`, read: rand() < 0.5 };
    r.papers.set(id, edited);
  } else if (roll < 0.75 && cur) {
    r.papers.delete(id);
    r.removedPapers.set(id, t);
    h.removed.set(id, [...(h.removed.get(id) ?? []), t]);
  } else if (roll < 0.9) {
    const tid = TOPIC_IDS[Math.floor(rand() * TOPIC_IDS.length)]!;
    const topic: Topic = { id: tid, name: tid, color: '#112233', include: [`w${Math.floor(rand() * 9)}`], exclude: [], enabled: true, order: 0, updatedAt: t };
    r.topics.set(tid, topic);
    r.removedTopics.delete(tid);
  } else {
    const tid = TOPIC_IDS[Math.floor(rand() * TOPIC_IDS.length)]!;
    if (r.topics.delete(tid)) r.removedTopics.set(tid, t);
  }
  const now = r.papers.get(id);
  if (now) h.papers.set(id, [...(h.papers.get(id) ?? []), now]);
}

function simulate(seed: number) {
  const rand = mulberry32(seed);
  let a = emptyReplica();
  let b = emptyReplica();
  const h: History = { papers: new Map(), removed: new Map() };
  let minute = 0;
  const steps = 20 + Math.floor(rand() * 40);
  for (let i = 0; i < steps; i++) {
    if (rand() < 0.7) minute++; // else: same timestamp as the previous op (ties)
    const roll = rand();
    if (roll < 0.42) randomOp(rand, a, at(minute), h);
    else if (roll < 0.84) randomOp(rand, b, at(minute), h);
    else if (roll < 0.92) a = mergeReplicas(a, b, NOW); // a pulls b
    else b = mergeReplicas(b, a, NOW); // b pulls a
  }
  return { a, b, h };
}

describe('library sync merge: properties (seeded random interleavings)', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => 1000 + i * 7919);

  it('replicas diverge before the final sync in most runs (the generator is not trivial)', () => {
    // Across all seeds, most runs end with different replicas: the merge has real work to do.
    const differing = seeds.filter((s) => {
      const { a, b } = simulate(s);
      return text(a) !== text(b);
    }).length;
    expect(differing).toBeGreaterThan(seeds.length / 2);
  });

  it('commutative: merging a into b gives the same library as b into a (300 seeds)', () => {
    for (const seed of seeds) {
      const { a, b } = simulate(seed);
      expect(text(mergeReplicas(a, b, NOW)), `seed ${seed}`).toBe(text(mergeReplicas(b, a, NOW)));
    }
  });

  it('idempotent and stable: merging the result again, or with either side again, changes nothing (300 seeds)', () => {
    for (const seed of seeds) {
      const { a, b } = simulate(seed);
      const m = mergeReplicas(a, b, NOW);
      expect(text(mergeReplicas(m, m, NOW)), `seed ${seed}`).toBe(text(m));
      expect(text(mergeReplicas(m, b, NOW)), `seed ${seed}`).toBe(text(m));
      expect(text(mergeReplicas(a, m, NOW)), `seed ${seed}`).toBe(text(m));
      // Both devices, after pulling and pushing, hold the same library.
      const onA = mergeReplicas(a, b, NOW);
      const onB = mergeReplicas(b, onA, NOW);
      expect(text(onB), `seed ${seed}`).toBe(text(onA));
    }
  });

  it('nothing lost: a paper on either side stays unless a removal at or after its last edit exists (300 seeds)', () => {
    for (const seed of seeds) {
      const { a, b } = simulate(seed);
      const m = mergeReplicas(a, b, NOW);
      for (const id of IDS) {
        const versions = [a.papers.get(id), b.papers.get(id)].filter((p): p is Paper => !!p);
        if (!versions.length) continue;
        const newestEdit = versions.map((p) => p.updatedAt).sort().at(-1)!;
        const removals = [a.removedPapers.get(id), b.removedPapers.get(id)].filter((x): x is string => !!x);
        const newerRemoval = removals.some((r) => r >= newestEdit);
        expect(m.papers.has(id), `seed ${seed}, ${id}`).toBe(!newerRemoval);
        if (!newerRemoval) {
          // The user fields are those of a newest version.
          const got = m.papers.get(id)!;
          expect(got.updatedAt).toBe(newestEdit);
          const newest = versions.filter((p) => p.updatedAt === newestEdit);
          expect(newest.some((p) => canonical([p.tags, p.note, p.read]) === canonical([got.tags, got.note, got.read])), `seed ${seed}, ${id}`).toBe(true);
          // Metadata is filled, never emptied.
          for (const p of versions) {
            if (p.summary) expect(got.summary).toBeDefined();
            if (p.upvotes !== undefined) expect(got.upvotes).toBeDefined();
            if (p.authors.length) expect(got.authors.length).toBeGreaterThan(0);
          }
        } else expect(m.removedPapers.has(id)).toBe(true);
      }
    }
  });

  it('the file round-trips: parse(serialise(m)) merges to the same library, abstracts left out', () => {
    for (const seed of seeds.slice(0, 50)) {
      const { a, b } = simulate(seed);
      const m = mergeReplicas(a, b, NOW);
      const back = parseReplica(text(m), NOW);
      expect([...back.papers.values()].every((p) => p.summary === undefined)).toBe(true);
      expect(text(back)).toBe(text(m));
      expect(text(mergeReplicas(m, back, NOW))).toBe(text(m));
    }
  });
});

describe('library sync merge: cases', () => {
  const one = (p: Paper[], removed: Array<[string, string]> = []): Replica => ({
    ...emptyReplica(),
    papers: new Map(p.map((x) => [x.id, x])),
    removedPapers: new Map(removed),
  });

  it('the newer edit wins the user fields; metadata is filled from the older side', () => {
    const older = paper('2501.00001', at(1), { tags: ['old'], note: 'old', upvotes: 5, summary: 'Abstract' });
    const newer = paper('2501.00001', at(2), { tags: ['new'], read: true });
    const m = mergeReplicas(one([older]), one([newer]), NOW).papers.get('2501.00001')!;
    expect(m).toMatchObject({ tags: ['new'], note: '', read: true, upvotes: 5, summary: 'Abstract', updatedAt: at(2) });
  });

  it('a removal wins over an older edit, an edit after the removal brings the paper back', () => {
    const p = paper('2501.00001', at(1), { note: 'kept' });
    expect(mergeReplicas(one([p]), one([], [['2501.00001', at(2)]]), NOW).papers.size).toBe(0);
    const m = mergeReplicas(one([{ ...p, updatedAt: at(3) }]), one([], [['2501.00001', at(2)]]), NOW);
    expect(m.papers.get('2501.00001')?.note).toBe('kept');
    expect(m.removedPapers.size).toBe(0);
  });

  it('tombstones are kept 180 days, then forgotten', () => {
    const recent = new Date(Date.parse(NOW) - 179 * 86_400_000).toISOString();
    const old = new Date(Date.parse(NOW) - 181 * 86_400_000).toISOString();
    const m = mergeReplicas(one([], [['2501.00001', recent], ['2501.00002', old]]), emptyReplica(), NOW);
    expect([...m.removedPapers.keys()]).toEqual(['2501.00001']);
    expect(tombstoneCutoff(NOW) < recent && tombstoneCutoff(NOW) > old).toBe(true);
  });

  it('localChanges names only what differs', () => {
    const p1 = paper('2501.00001', at(1));
    const p2 = paper('2501.00002', at(1));
    const local = one([p1, p2]);
    const remote = one([{ ...p1, updatedAt: at(5), read: true }], [['2501.00002', at(3)]]);
    const c = localChanges(local, mergeReplicas(local, remote, NOW));
    expect(c.putPapers.map((p) => [p.id, p.read])).toEqual([['2501.00001', true]]);
    expect(c.deletePapers).toEqual(['2501.00002']);
    expect(localChanges(local, mergeReplicas(local, clone(local), NOW))).toEqual({ putPapers: [], deletePapers: [], putTopics: [], deleteTopics: [] });
  });
});
