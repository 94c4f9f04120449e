/** The starter topics, each added in one click. */
import { EXAMPLE_TOPICS } from '@/utils/topics';
import type { Topic } from '@/utils/types';

export type Example = (typeof EXAMPLE_TOPICS)[number];

interface Props {
  /** Examples already in the library (by name, any case) are left out. */
  existing: ReadonlyArray<Pick<Topic, 'name'>>;
  busy: boolean;
  onAdd(example: Example): void;
}

export function remainingExamples(existing: ReadonlyArray<Pick<Topic, 'name'>>): Example[] {
  const names = new Set(existing.map((t) => t.name.toLowerCase()));
  return EXAMPLE_TOPICS.filter((x) => !names.has(x.name.toLowerCase()));
}

export function ExampleTopics({ existing, busy, onAdd }: Props) {
  const left = remainingExamples(existing);
  if (!left.length) return null;
  return (
    <ul class="examples">
      {left.map((x) => (
        <li key={x.name} class="example">
          <span class="swatch" style={{ background: x.color }} aria-hidden="true" />
          <div class="example-main">
            <strong>{x.name}</strong>
            <span class="example-terms">{x.include.join(' · ')}</span>
          </div>
          <button type="button" disabled={busy} onClick={() => onAdd(x)}>
            Add {x.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
