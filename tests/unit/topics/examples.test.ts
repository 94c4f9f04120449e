import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TOPICS, TERM_SYNTAX_HELP, compileTopics, matchTopics, parseTerm, validateTopic } from '../../../utils/topics';
import type { Topic } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';

const FIXTURES = SITE_DIR;

interface FixturePaper {
  paper: { id: string; title: string; summary?: string; ai_keywords?: string[]; organization?: { fullname?: string } | null };
}
const papers = (JSON.parse(readFileSync(join(FIXTURES, 'papers.json'), 'utf8')) as FixturePaper[]).map((x) => x.paper);

const topics: Topic[] = EXAMPLE_TOPICS.map((t, i) => ({ ...t, id: `ex${i}`, order: i }));

/** sRGB relative luminance (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('EXAMPLE_TOPICS', () => {
  it('are valid topics with distinct names and colours', () => {
    expect(EXAMPLE_TOPICS.map((t) => t.name)).toEqual(['Code LLMs', 'Diffusion', 'RL & agents']);
    for (const t of EXAMPLE_TOPICS) {
      expect(validateTopic(t)).toEqual([]);
      expect(t.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(t.enabled).toBe(true);
      // readable as text on white and as a marker next to white text
      expect(contrast(t.color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(EXAMPLE_TOPICS.map((t) => t.color)).size).toBe(3);
  });

  it('TERM_SYNTAX_HELP shows every syntax with examples that parse', () => {
    for (const example of ['diffusion', 'diffusion*', 'code generation', '"code generation"', 'LLM-based', '/\\bRL(HF)?\\b/', '/c\\+\\+/', '-survey']) {
      expect(TERM_SYNTAX_HELP).toContain(example);
      expect(parseTerm(example).ok).toBe(true);
    }
    expect(TERM_SYNTAX_HELP).toContain('# a note');
  });
});

// Expected sets worked out from tests/fixtures/site/papers.json (title, summary, ai_keywords,
// organization.fullname) with a separate throwaway script (Python regexes built from the same
// terms), then each match and each near miss below checked by reading the text. Not produced by
// this matcher. The fixture is 56 "code generation" search results, so Code LLMs is most of it.
const EXPECTED: Record<string, string[]> = {
  'Code LLMs': [
    '2506.13000', // "LLM-based RTL code generation" in the abstract; keyword "code generation"
    '2506.13037', // only "repository-level test cases"
    '2506.13074', // title "Let the Code LLM Edit Itself…"
    '2506.13111', // title "Competition-Level Code Generation…"
    '2506.13148',
    '2506.13185',
    '2506.13370', // keyword "code generation"
    '2506.13444', // "code LLMs"
    '2506.13481', // "Code Language Model" in the title
    '2506.13518',
    '2506.13555', // only "AI and Software Engineering"
    '2506.13592',
    '2506.13629', // "Code LLMs" (StarCoder 2); no keyword "code generation"
    '2506.13666',
    '2506.13740',
    '2506.13999',
    '2506.14073', // only "repository-level contextual loss"
    '2506.14110',
    '2506.14147',
    '2506.14184',
    '2506.14221',
    '2506.14258',
    '2506.14332', // only "software engineering"
    '2506.14406',
    '2506.14480',
    '2506.14517', // only the keyword "code generation"
    '2506.14665', // "code language models", "software engineering-based"
    '2506.14702',
    '2506.14739',
    '2506.14776',
    '2506.14850',
    '2506.14887', // only "software engineering"
    '2506.14924',
    '2506.14961',
    '2506.14998',
    // Not matched, and why: 2506.14813 says "CODEGEN" (one word); 2506.14369 has "Code Synthesis"
    // and "Software engineers"; 2506.13703 only "monitors4codegen"; the rest are code search,
    // representation or completion papers with none of the terms.
  ],
  // Only "span denoising" (CodeT5+); no paper mentions diffusion, DiT or flow matching.
  Diffusion: ['2506.14924'],
  'RL & agents': [
    '2506.13000', // Spec2RTL-Agent, multi-agent, agent-driven
    '2506.13037', // "intelligent agents"; keyword "agents"
    '2506.13555', // "guide reinforcement learning for code quality"
    '2506.13592', // Proximal Policy Optimization (PPO), reward model ("Reinforced" does not count)
    '2506.13666', // CodeTree: Agent-guided…, agentic
    '2506.13999', // "agent systems"
    '2506.14147', // "reinforcement learning (RL) environment"
    '2506.14221', // multi-agent PaperCoder
    '2506.14332', // "LLM agent", "SWE-agent"
    '2506.14554', // Self-Improving Agents
    '2506.14702', // "LLM-based agents"; keyword "agents"
  ],
};

describe('EXAMPLE_TOPICS on the fixture papers', () => {
  const compiled = compileTopics(topics);
  const results = new Map(
    papers.map((p) => [
      p.id,
      matchTopics(compiled, {
        title: p.title,
        abstract: p.summary,
        keywords: p.ai_keywords,
        organization: p.organization?.fullname,
      }),
    ]),
  );

  it('has the 56 fixture papers', () => {
    expect(papers).toHaveLength(56);
  });

  it.each(Object.keys(EXPECTED))('%s matches exactly the expected papers', (name) => {
    const ids = papers.filter((p) => results.get(p.id)!.some((m) => m.name === name)).map((p) => p.id);
    expect(ids).toEqual(EXPECTED[name]);
  });

  it('explains why, with the words as written, and ranges that slice to them', () => {
    const rl = results.get('2506.13592')!.find((m) => m.name === 'RL & agents')!;
    expect(rl.terms).toEqual(['Policy Optimization', 'PPO', 'reward model']);
    const paper = papers.find((p) => p.id === '2506.13592')!;
    expect(rl.ranges.map((r) => (r.field === 'title' ? paper.title : paper.summary!).slice(r.start, r.end))).toEqual([
      'Policy Optimization',
      'PPO',
      'PPO',
      'reward model',
      'reward model',
      'PPO',
    ]);

    const code = results.get('2506.13000')!.find((m) => m.name === 'Code LLMs')!;
    expect(code.terms).toEqual(['Code Generation']); // deduped case-insensitively
    expect(code.ranges.filter((r) => r.field === 'title')).toEqual([{ field: 'title', start: 35, end: 50 }]);

    const agents = results.get('2506.13000')!.find((m) => m.name === 'RL & agents')!;
    expect(agents.terms).toEqual(['Agent']); // "agent" in multi-agent, agent-driven: same word
    expect(agents.ranges.filter((r) => r.field === 'title')).toEqual([
      { field: 'title', start: 9, end: 14 },
      { field: 'title', start: 89, end: 94 }, // "…Using LLM Agent Systems"
    ]);
  });
});
