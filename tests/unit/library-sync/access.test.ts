/** The sync messages are for extension pages only: a content script (or anyone else) is refused. */
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../../utils/protocol/messages';
import { createListener } from '../../../utils/protocol/router';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openPapershelfDb } from '../../../utils/store/db';

const SYNC_MESSAGES = ['hubStatus', 'hubConnect', 'hubSync', 'hubDisconnect'] as const;

describe('sync messages access', () => {
  it('are declared extension-only', () => {
    for (const m of SYNC_MESSAGES) expect(ACCESS[m]).toBe('extension');
  });

  it.each(['content', 'unknown'] as const)('are refused from a %s sender, before any handler runs', async (kind) => {
    const dbp = openPapershelfDb('access-sync');
    let called = 0;
    const handlers = createHandlers(() => dbp);
    for (const m of SYNC_MESSAGES) (handlers as Record<string, unknown>)[m] = async () => void called++;
    const listener = createListener(handlers, () => kind);
    for (const m of SYNC_MESSAGES) {
      const reply = await listener({ papershelf: 1, type: m, payload: { token: 'hf_xxxxxxxxxxxxxxxxxxxxxxxx' } }, {});
      expect(reply).toEqual({ ok: false, error: `Papershelf refused "${m}": not allowed from this page.` });
    }
    expect(called).toBe(0);
  });

  it('hubStatus never carries the token, only its last 4 characters', async () => {
    const { browser } = await import('wxt/browser');
    await browser.storage.local.set({ 'papershelf:hub': { token: 'hf_abcdefghijklmnopqrstuvwxyz1234', user: 'alice', repo: 'alice/papershelf-library' } });
    const handlers = createHandlers(() => openPapershelfDb('access-sync-2'));
    const s = await handlers.hubStatus(null, { kind: 'extension' });
    expect(s).toMatchObject({ connected: true, tokenEnd: '1234', repo: 'alice/papershelf-library' });
    expect(JSON.stringify(s)).not.toContain('hf_abcdefghijklmnopqrstuvwxyz');
  });
});
