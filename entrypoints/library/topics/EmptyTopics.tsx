/** No topics yet: what topics do, three examples to add in one click, or start from scratch. */
import type { Ref } from 'preact';
import { ExampleTopics, type Example } from './ExampleTopics';

interface Props {
  busy: boolean;
  newRef: Ref<HTMLButtonElement>;
  onAdd(example: Example): void;
  onNew(): void;
}

export function EmptyTopics({ busy, newRef, onAdd, onNew }: Props) {
  return (
    <section class="topics-empty" aria-labelledby="topics-empty-title">
      <h3 id="topics-empty-title">Create your first topic</h3>
      <p>
        A topic is a short list of words and phrases. On huggingface.co/papers, every paper whose title, abstract, AI
        keywords or organization matches gets the topic’s colour, and the popup can dim or hide the rest.
      </p>
      <ExampleTopics existing={[]} busy={busy} onAdd={onAdd} />
      <button type="button" class="primary" ref={newRef} onClick={onNew}>
        New topic
      </button>
    </section>
  );
}
