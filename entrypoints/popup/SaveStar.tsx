/** The popup's small save toggle (★ saved / ☆ not), named for the paper it saves or removes. */
import { send } from '@/utils/protocol/messages';

interface Props {
  title: string;
  saved: boolean;
  onToggle: () => void;
  /** Carries the stable hook `data-papershelf-save` (the lists whose items are papers of their own). */
  hook?: boolean;
}

export function SaveStar({ title, saved, onToggle, hook }: Props) {
  return (
    <button
      type="button"
      class="mini"
      data-papershelf-save={hook ? '' : undefined}
      aria-pressed={saved}
      aria-label={saved ? `Remove “${title}” from Papershelf` : `Save “${title}” to Papershelf`}
      onClick={onToggle}
    >
      {saved ? '★' : '☆'}
    </button>
  );
}

/** Save a card of the active page by its id and title, or remove it. */
export const toggleCard = (id: string, title: string, saved: boolean) =>
  void (saved ? send('remove', { ids: [id] }) : send('save', { card: { id, title } }));
