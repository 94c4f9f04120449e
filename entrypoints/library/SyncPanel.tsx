/**
 * Library → Sync: topics and the display mode through the browser's own sync (storage.sync), and
 * the library through a private dataset repository in the user's Hugging Face account. The token
 * goes to the background and is never shown again (only its last 4 characters).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send, type HubStatus } from '@/utils/protocol/messages';
import { statusLine } from './sync/status';

const TOKENS_URL = 'https://huggingface.co/settings/tokens';

export function SyncPanel() {
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [token, setToken] = useState('');
  const [repo, setRepo] = useState('');
  const [confirmPublic, setConfirmPublic] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());

  const refresh = useCallback(async () => {
    try {
      setStatus(await send('hubStatus', null));
      setNow(Date.now());
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await run();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      setNow(Date.now());
    }
  }

  const connect = (allowPublic: boolean) =>
    act(async () => {
      const r = await send('hubConnect', { token, repo: repo.trim() || undefined, allowPublic });
      if (r.confirmPublic) {
        setConfirmPublic(r.confirmPublic);
        return;
      }
      setConfirmPublic(null);
      setToken('');
      setStatus(r);
    });

  const s = status;
  return (
    <section class="ps-sync" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>

      <h3>Topics and display mode</h3>
      <p class="ps-muted">
        Your topics and display mode are copied to this browser's own sync (Chrome or Firefox account) and merged
        on your other devices: the newer change wins, a deletion wins over an older edit.
      </p>
      {s?.topicsError && <p role="alert" class="ps-sync-error">{s.topicsError}</p>}
      {s && s.topicsLocal.length > 0 && (
        <div class="ps-sync-local">
          <p>These topics stay in this browser only:</p>
          <ul>
            {s.topicsLocal.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong>: {t.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      <h3>Library (Hugging Face)</h3>
      <p class="ps-muted">
        Your papers, tags, notes, read flags and topics are kept in a <strong>private</strong> dataset repository in your
        own Hugging Face account (by default <code>&lt;username&gt;/papershelf-library</code>), and merged with your other
        browsers: nothing is lost when two devices change the library at once.
      </p>
      <p class="ps-sync-status" role="status" data-papershelf-sync-status="">
        {s ? statusLine(s, now) : 'Loading…'}
      </p>
      {s?.connected ? (
        <div class="ps-sync-connected">
          <p>
            Repository{' '}
            <a href={`https://huggingface.co/datasets/${s.repo}`} target="_blank" rel="noreferrer">
              {s.repo}
            </a>{' '}
            as {s.user}, token ending in <code>{s.tokenEnd}</code>.
          </p>
          <button type="button" disabled={busy} onClick={() => act(async () => setStatus(await send('hubSync', null)))}>
            Sync now
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => act(async () => setStatus(await send('hubDisconnect', null)))}>
            Disconnect
          </button>
          <p class="ps-muted">Disconnect forgets the token; the repository and this library stay as they are.</p>
        </div>
      ) : (
        <form
          class="ps-sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            void connect(false);
          }}
        >
          <p>
            Create an access token at{' '}
            <a href={TOKENS_URL} target="_blank" rel="noreferrer">
              huggingface.co/settings/tokens
            </a>
            : either a <strong>Write</strong> token, or a <strong>Fine-grained</strong> token with{' '}
            <em>Repositories → Write access to contents/settings of all repos under your personal namespace</em> (or
            write access to the one repository below). Papershelf keeps it in this browser, sends it only to
            https://huggingface.co, and never exports it.
          </p>
          <label>
            Access token{' '}
            <input
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={token}
              placeholder="hf_…"
              onInput={(e) => setToken(e.currentTarget.value)}
              required
            />
          </label>
          <label>
            Repository (optional){' '}
            <input type="text" value={repo} placeholder="username/papershelf-library" onInput={(e) => setRepo(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy || !token.trim()}>
            Connect and sync
          </button>
        </form>
      )}
      {confirmPublic && (
        <div role="alertdialog" aria-labelledby="sync-public" class="ps-sync-public">
          <p id="sync-public">
            <strong>{confirmPublic} is public:</strong> anyone could read your library, notes included. Use it anyway?
          </p>
          <button type="button" disabled={busy} onClick={() => void connect(true)}>
            Use the public repository
          </button>{' '}
          <button type="button" onClick={() => setConfirmPublic(null)}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p role="alert" class="ps-sync-error">
          {error}
        </p>
      )}
    </section>
  );
}
