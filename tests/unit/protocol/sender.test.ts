import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../utils/protocol/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

describe('classifySender', () => {
  it.each([
    [{ id: ID, url: `${BASE}popup.html`, origin: `chrome-extension://${ID}` }, 'extension'],
    // Chromium attaches a tab to extension pages opened in tabs: still an extension page.
    [{ id: ID, url: `${BASE}library.html#topics`, origin: `chrome-extension://${ID}`, tab: { id: 4 } }, 'extension'],
    // Firefox gives no origin.
    [{ id: ID, url: `moz-extension://uuid/popup.html` }, 'unknown'],
    [{ id: ID, url: 'https://huggingface.co/papers', origin: 'https://huggingface.co', tab: { id: 3 } }, 'content'],
    // A content script cannot become privileged by lying about the tab or the path.
    [{ id: ID, url: `https://huggingface.co/${BASE}`, tab: { id: 3 } }, 'content'],
    [{ id: ID, url: `${BASE}popup.html`, origin: 'https://huggingface.co', tab: { id: 3 } }, 'unknown'],
    [{ id: 'other-extension', url: `${BASE}popup.html` }, 'unknown'],
    [{ id: ID, url: 'https://evil.example/papers', tab: { id: 3 } }, 'unknown'],
    [{ id: ID }, 'unknown'],
  ] as const)('%o → %s', (sender, kind) => {
    expect(classifySender(sender, ID, BASE)).toBe(kind);
  });

  it('accepts the Firefox base for its own pages', () => {
    expect(classifySender({ id: ID, url: 'moz-extension://uuid/library.html' }, ID, 'moz-extension://uuid/')).toBe('extension');
  });
});
