import { describe, expect, it } from 'vitest';
import { errorText, storageErrorText } from '../../utils/errors';

const RELOAD = 'Papershelf was updated or reloaded: reload this page.';
const INTERRUPTED = 'Papershelf was interrupted before it answered. Try again.';
const dom = (name: string) => Object.assign(new Error('raw'), { name });

describe('error text: one rule for the background, the pages and the content script', () => {
  it.each([
    [new Error('Extension context invalidated.'), RELOAD],
    [new Error('Could not establish connection. Receiving end does not exist.'), RELOAD],
    [new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'), INTERRUPTED],
    [new Error('The message port closed before a response was received.'), INTERRUPTED],
    [new Error('Not an arXiv paper id.'), 'Not an arXiv paper id.'],
    ['a thrown string', 'a thrown string'],
    [null, 'null'],
  ])('%s → %s', (err, text) => {
    expect(errorText(err)).toBe(text);
    expect(storageErrorText(err)).toBe(text);
  });

  it('says IndexedDB failures plainly in the worker', () => {
    expect(storageErrorText(dom('QuotaExceededError'))).toMatch(/^Your browser is out of storage space for Papershelf\..*Nothing was changed\.$/);
    for (const name of ['InvalidStateError', 'UnknownError'])
      expect(storageErrorText(dom(name))).toMatch(/^The browser refused to open Papershelf’s database .*Nothing was changed\.$/);
    expect(errorText(dom('QuotaExceededError'))).toBe('raw');
  });
});
