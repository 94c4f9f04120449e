/** "Remove N papers?" — the confirmation before removing papers from the library. */
import { Dialog } from './Dialog';
import { plural } from './actions';

interface Props {
  /** Titles of the papers to remove; null when closed. */
  titles: string[] | null;
  onConfirm: () => void;
  onClose: () => void;
}

const SHOWN = 5;

export function ConfirmRemove({ titles, onConfirm, onClose }: Props) {
  const n = titles?.length ?? 0;
  return (
    <Dialog open={titles !== null} title={`Remove ${plural(n, 'paper')}?`} onClose={onClose} danger>
      <p>Their tags and notes are removed with them. This cannot be undone.</p>
      <ul class="ps-dialog-list">
        {titles?.slice(0, SHOWN).map((t, i) => <li key={i}>{t}</li>)}
        {n > SHOWN && <li>…and {plural(n - SHOWN, 'more paper')}</li>}
      </ul>
      <form method="dialog" class="ps-dialog-actions">
        <button type="button" class="ps-danger-solid" onClick={onConfirm}>
          Remove
        </button>
        <button type="submit" autofocus>
          Cancel
        </button>
      </form>
    </Dialog>
  );
}
