/** The topics in match order (the first matching topic colours a card). */
import type { Topic } from '@/utils/types';
import { TopicRow, type RowAction } from './TopicRow';

export interface FocusRequest {
  id: string;
  action: RowAction;
}

interface Props {
  topics: Topic[];
  editingId?: string;
  focus: FocusRequest | null;
  onFocused(): void;
  onEdit(t: Topic): void;
  onMove(t: Topic, delta: -1 | 1): void;
  onDelete(t: Topic): void;
  onEnable(t: Topic, enabled: boolean): void;
}

export function TopicList({ topics, editingId, focus, onFocused, onEdit, onMove, onDelete, onEnable }: Props) {
  return (
    <ol class="topic-list" aria-label="Your topics">
      {topics.map((t, i) => (
        <TopicRow
          key={t.id}
          topic={t}
          first={i === 0}
          last={i === topics.length - 1}
          editing={t.id === editingId}
          focus={focus?.id === t.id ? focus.action : undefined}
          onFocused={onFocused}
          onEdit={() => onEdit(t)}
          onMove={(d) => onMove(t, d)}
          onDelete={() => onDelete(t)}
          onEnable={(on) => onEnable(t, on)}
        />
      ))}
    </ol>
  );
}
