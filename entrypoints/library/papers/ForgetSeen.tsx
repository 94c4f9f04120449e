/** "Forget seen papers…": the number of papers seen on the site, and clearing it after a confirmation. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useSync } from '@/components/useSync';
import { send } from '@/utils/protocol/messages';
import { errorText, plural } from './actions';
import { Dialog } from './Dialog';

export function ForgetSeen() {
  const [count, setCount] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void send('seenCount', null).then(setCount, (err) => setError(errorText(err))), []);
  useEffect(load, [load]);
  useSync(useCallback((e) => void ((e.seen || e.library) && load()), [load]));

  const forget = async () => {
    setBusy(true);
    try {
      await send('forgetSeen', null);
      setOpen(false);
      load();
    } catch (err) {
      setError(`Nothing was forgotten: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => (setError(null), setOpen(true))} disabled={!count}>
        Forget seen papers…
      </button>
      <span class="ps-muted">
        {count === null ? '' : `${plural(count, 'paper')} seen on the site (kept 180 days after the last sighting).`}
      </span>
      {error && !open && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <Dialog open={open} title="Forget seen papers?" onClose={() => setOpen(false)}>
        <p>
          Papershelf forgets the {count === null ? '' : plural(count, 'paper')} you have seen on huggingface.co/papers: every card shows as
          new again on its next page load. Saved papers and topics are not touched.
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="ps-dialog-actions">
          <button type="button" class="ps-danger-solid" disabled={busy} onClick={() => void forget()}>
            Forget seen papers
          </button>
          <button type="button" autofocus onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}
