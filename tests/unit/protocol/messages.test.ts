/**
 * The protocol in both directions (utils/protocol/messages.ts): messages to the background through the
 * router, messages to a tab's content script through `sendToTab` / `tabListener`. A message in our
 * envelope with a type the receiver does not know is answered with an error, never dropped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendToTab, tabListener, type PageStatus, type Reply } from '../../../utils/protocol/messages';
import { createListener, type Handlers } from '../../../utils/protocol/router';

afterEach(() => vi.restoreAllMocks());

const status: PageStatus = { cards: 2, matches: [] };

/** The background's listener with no handler behind it: only the envelope and access checks answer. */
async function routed(msg: unknown): Promise<{ answered: boolean; reply?: Reply<unknown> }> {
  const answer = createListener({} as Handlers, () => 'extension')(msg, {});
  return { answered: answer !== undefined, reply: await answer };
}

describe('background router', () => {
  it('answers a message of an unknown type with an explicit error', async () => {
    expect(await routed({ papershelf: 1, type: 'launchMissiles', payload: null })).toEqual({
      answered: true,
      reply: { ok: false, error: 'Papershelf does not know the message "launchMissiles".' },
    });
    // Inherited keys are no message types either.
    expect((await routed({ papershelf: 1, type: 'toString', payload: null })).reply).toMatchObject({ ok: false, error: expect.stringContaining('"toString"') });
  });

  it('leaves messages that are not in our envelope to other listeners (no reply)', async () => {
    for (const msg of [null, 'lookup', { type: 'lookup' }, { papershelf: 2, type: 'lookup' }, { papershelf: 1, type: 7 }, { papershelfTab: 1, type: 'pageStatus', payload: null }])
      expect(await routed(msg)).toEqual({ answered: false, reply: undefined });
  });
});

describe('tab protocol', () => {
  function tab(run: { status(): PageStatus; saveCurrent(): void } | undefined) {
    const listener = tabListener({
      pageStatus: () => run?.status() ?? null,
      saveCurrent: () => {
        run?.saveCurrent();
        return null;
      },
      markAllSeen: () => null,
    });
    // tabs.sendMessage delivers to the tab's listener (the fake browser does not implement it).
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((tabId: number, msg: unknown) =>
      new Promise((resolve) => {
        expect(tabId).toBe(7);
        void listener(msg)?.then(resolve);
      })) as never);
    return listener;
  }

  it('sendToTab reaches the typed handler and returns its answer', async () => {
    const saveCurrent = vi.fn();
    tab({ status: () => status, saveCurrent });
    expect(await sendToTab(7, 'pageStatus', null)).toEqual(status);
    expect(await sendToTab(7, 'saveCurrent', null)).toBeNull();
    expect(saveCurrent).toHaveBeenCalledTimes(1);
  });

  it('a page with no run answers null (the popup then says the page is unreachable)', async () => {
    tab(undefined);
    expect(await sendToTab(7, 'pageStatus', null)).toBeNull();
  });

  it('an unknown type gets an error; a message not ours gets no reply', async () => {
    const listener = tab(undefined);
    const replies: unknown[] = [];
    replies.push(await listener({ papershelfTab: 1, type: 'wipe', payload: null }));
    // Not for a tab: the old bare string, and a message to the background (in the fake browser, and
    // in a page that is also an extension page, the tab's listener hears those too).
    expect(listener({ type: 'papershelf:pageStatus' })).toBeUndefined();
    expect(listener({ papershelf: 1, type: 'lookup', payload: { ids: [] } })).toBeUndefined();
    expect(replies).toEqual([{ ok: false, error: 'Papershelf does not know the message "wipe".' }]);
  });

  it('sendToTab throws when the tab refuses or does not answer', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValueOnce({ ok: false, error: 'nope' } as never).mockResolvedValueOnce(undefined as never);
    await expect(sendToTab(7, 'pageStatus', null)).rejects.toThrow('nope');
    await expect(sendToTab(7, 'pageStatus', null)).rejects.toThrow('The page did not answer. Reload it.');
  });
});
