/**
 * The matcher's own suites (match.test.ts, examples.test.ts: term syntax, exact fixture id sets,
 * the randomized comparison) run again here with every `compileTopics(t)` going through
 * `compilePrepared(JSON.parse(JSON.stringify(prepareTopics(t))))`, as topics will once they are
 * prepared where saved and sent to tabs; and every `matchTopics` call checks that the direct
 * compilation gives the very same result.
 */
import { expect, vi } from 'vitest';
import type { CompiledTopics } from '../../../utils/topics/compile';
import type { TopicMatch } from '../../../utils/topics/match';

const direct = vi.hoisted(() => new WeakMap<object, object>());

vi.mock('../../../utils/topics/compile', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../utils/topics/compile')>();
  const { prepareTopics } = await import('../../../utils/topics/prepare');
  return {
    ...orig,
    compileTopics(topics: Parameters<typeof orig.compileTopics>[0]): CompiledTopics {
      const prepared = orig.compilePrepared(JSON.parse(JSON.stringify(prepareTopics(topics))));
      direct.set(prepared, orig.compileTopics(topics));
      return prepared;
    },
  };
});

vi.mock('../../../utils/topics/match', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../utils/topics/match')>();
  const plain = (ms: TopicMatch[]) => ms.map((m) => ({ topicId: m.topicId, name: m.name, color: m.color, terms: m.terms, ranges: m.ranges }));
  return {
    ...orig,
    matchTopics(compiled: CompiledTopics, fields: Parameters<typeof orig.matchTopics>[1]): TopicMatch[] {
      const got = orig.matchTopics(compiled, fields);
      const twin = direct.get(compiled) as CompiledTopics | undefined;
      expect(twin, 'every compiled set in these suites comes from compileTopics').toBeDefined();
      expect(plain(got)).toEqual(plain(orig.matchTopics(twin!, fields)));
      return got;
    },
  };
});

await import('./match.test');
await import('./examples.test');
