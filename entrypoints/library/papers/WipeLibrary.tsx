/** "Delete all papers…": wipes the library after the user types DELETE, offering a backup first. */
import { useState } from 'preact/hooks';
import { send } from '@/utils/protocol/messages';
import { downloadBackup, errorText, plural } from './actions';
import { Dialog } from './Dialog';

const WORD = 'DELETE';

export function WipeLibrary({ total, onWiped }: { total: number; onWiped: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [backedUp, setBackedUp] = useState(false);

  const show = () => {
    setTyped('');
    setError(null);
    setBackedUp(false);
    setOpen(true);
  };
  const backup = async () => {
    try {
      await downloadBackup();
      setBackedUp(true);
    } catch (err) {
      setError(`The backup failed: ${errorText(err)}`);
    }
  };
  const wipe = async (e: Event) => {
    e.preventDefault();
    if (typed !== WORD) return;
    setBusy(true);
    try {
      await send('wipe', null);
      setOpen(false);
      onWiped(`Deleted ${plural(total, 'paper')} and all topics.`);
    } catch (err) {
      setError(`Nothing was deleted: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="ps-danger" onClick={show}>
        Delete all papers…
      </button>
      <Dialog open={open} title="Delete all papers?" onClose={() => setOpen(false)} danger>
        <p>
          This permanently deletes all {plural(total, 'saved paper')}, their tags and notes, and your topics from this browser. It
          cannot be undone.
        </p>
        <p class="ps-backup">
          <button type="button" onClick={() => void backup()}>
            Download a JSON backup first
          </button>
          {backedUp && <span role="status"> Backup downloaded.</span>}
        </p>
        <form onSubmit={wipe}>
          <label class="ps-confirm-word">
            <span>
              Type <strong>{WORD}</strong> to confirm
            </span>
            <input type="text" autocomplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
          </label>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <div class="ps-dialog-actions">
            <button type="submit" class="ps-danger-solid" disabled={typed !== WORD || busy}>
              Delete everything
            </button>
            <button type="button" autofocus onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
