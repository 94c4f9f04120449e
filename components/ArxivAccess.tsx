/**
 * "Also use Papershelf on arXiv and alphaXiv": asks for the optional hosts. The request is made
 * straight from the click (browsers only prompt for a user gesture); the background registers the
 * content script when the grant arrives (permissions.onAdded), even if this page closed meanwhile.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ARXIV_ORIGINS } from '@/utils/detection/arxiv';

export function ArxivAccess() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const check = () => void browser.permissions.contains({ origins: ARXIV_ORIGINS }).then(setGranted, () => setGranted(false));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);

  const request = () => {
    setMessage(null);
    browser.permissions.request({ origins: ARXIV_ORIGINS }).then(
      (ok) => {
        setGranted(ok);
        if (!ok) setMessage('Not allowed: Papershelf stays on huggingface.co only.');
      },
      (err: unknown) => setMessage(`The browser refused: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  if (granted === null) return null;
  if (granted)
    return (
      <p class="arxiv-access on" role="status">
        Papershelf also works on arXiv and alphaXiv.
      </p>
    );
  return (
    <section class="arxiv-access" aria-label="arXiv and alphaXiv">
      <button type="button" onClick={request}>
        Also use Papershelf on arXiv and alphaXiv
      </button>
      <p class="hint">Save toggles and topic marks on arxiv.org listings, search and abstract pages, and on alphaXiv. Your browser asks first.</p>
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
