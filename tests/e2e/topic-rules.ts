/**
 * The fixture papers and our own reading of the topic rules the e2e tests use: expected card sets
 * come from here, never from the matcher under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './harness';

interface FixturePaper {
  paper: { id: string; title: string; summary?: string; ai_keywords?: string[]; organization?: { name?: string; fullname?: string } };
}
export const PAPERS = JSON.parse(readFileSync(join(FIXTURES, 'papers.json'), 'utf8')) as FixturePaper[];
export const ALL_IDS = PAPERS.map((p) => p.paper.id).sort();

/** Every searched field of a paper: title, abstract, AI keywords, organization. */
const fieldsOf = ({ paper: p }: FixturePaper) => [p.title, p.summary ?? '', ...(p.ai_keywords ?? []), p.organization?.fullname ?? ''];
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** Whole words in a row, separated by spaces or hyphens. */
const phrase = (...ws: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])${ws.join('[\\s\\p{Pd}]+')}(?![\\p{L}\\p{N}])`, 'iu');

function idsWhere(rule: (fields: string[], ws: string[]) => boolean): string[] {
  return PAPERS.filter((p) => rule(fieldsOf(p), fieldsOf(p).flatMap(words))).map((p) => p.paper.id).sort();
}

/** Topic "Agents": include `agent*` and `"multi-agent"`, exclude `hardware`. */
const agents = (f: string[], ws: string[]) =>
  (ws.some((w) => w.startsWith('agent')) || f.some((x) => phrase('multi', 'agent').test(x))) && !ws.includes('hardware');
export const AGENTS = idsWhere(agents);
export const AGENTS_TOPIC = { name: 'Agents', include: ['agent*', '"multi-agent"'], exclude: ['hardware'] };
/** The same topic after adding the include term `reinforcement learning`. */
export const AGENTS_RL = idsWhere((f, ws) => (agents(f, ws) || f.some((x) => phrase('reinforcement', 'learning').test(x))) && !ws.includes('hardware'));
