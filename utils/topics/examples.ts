/** Starter topics the options page can add in one click, and the syntax help shown beside the inputs. */
import type { Topic } from '../types';

export const EXAMPLE_TOPICS: Array<Omit<Topic, 'id' | 'order'>> = [
  {
    name: 'Code LLMs',
    color: '#1d4ed8',
    include: [
      'code generation',
      'program synthesis',
      'code llm*',
      'code language model*',
      '"software engineering"',
      'repository-level',
    ],
    exclude: ['"code of conduct"'],
    enabled: true,
  },
  {
    name: 'Diffusion',
    color: '#b45309',
    include: ['diffusion', 'diffusion model*', 'denoising', 'DiT', 'flow matching'],
    exclude: [],
    enabled: true,
  },
  {
    name: 'RL & agents',
    color: '#0f766e',
    include: [
      'reinforcement learning',
      '/\\bRL(HF|AIF)?\\b/',
      'agent*',
      'policy optimization',
      'reward model*',
      'GRPO',
      'PPO',
    ],
    exclude: [],
    enabled: true,
  },
];

export const TERM_SYNTAX_HELP = `One term per line; case never matters. Title, abstract, AI keywords and organization are searched.
diffusion          the whole word (not "diffusions"); hyphens split words, so LLM matches "LLM-based"
diffusion*         any word starting with diffusion
code generation    these words in a row, spaces or hyphens between (quotes optional: "code generation")
LLM-based          a phrase too: matches "LLM-based" and "LLM based"
/\\bRL(HF)?\\b/      a regular expression, always case-insensitive; also for symbols: /c\\+\\+/
-survey            an exclusion: a paper matching it never gets the topic (like a line under Exclude)
# a note           a comment
A topic matches when any include term matches and no exclusion does.`;
