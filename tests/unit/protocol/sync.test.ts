/** `publish`/`readSeq` (utils/protocol/sync.ts): seqs only grow, also across a worker restart. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SYNC_KEY, type SyncEvent } from '../../../utils/protocol/sync';

/** A fresh copy of the module: what a restarted worker loads (its counter starts again). */
async function freshWorker() {
  vi.resetModules();
  return import('../../../utils/protocol/sync');
}

describe('sync seq', () => {
  it('each change is newer than the last, and a read taken between them sits between', async () => {
    const { publish, readSeq } = await freshWorker();
    const a = await publish({ mode: 'dim' });
    const r = await readSeq();
    const b = await publish({ mode: 'hide' });
    expect(r).toBeGreaterThanOrEqual(a);
    expect(b).toBeGreaterThan(r);
    expect(((await fakeBrowser.storage.local.get(SYNC_KEY))[SYNC_KEY] as SyncEvent).seq).toBe(b);
  });

  it('a restarted worker goes on above the last seq it published, even with its clock set back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-06T10:00:00Z'));
      const before = await freshWorker();
      let last = 0;
      for (let i = 0; i < 5; i++) last = await before.publish({ saved: { '2506.13000': i % 2 === 0 } });
      // The worker stops; the clock goes back an hour (NTP, a manual change) before it starts again.
      vi.setSystemTime(new Date('2026-12-06T09:00:00Z'));
      const after = await freshWorker();
      const read = await after.readSeq();
      expect(read).toBeGreaterThanOrEqual(last);
      expect(await after.publish({ saved: { '2506.13000': true } })).toBeGreaterThan(read);
    } finally {
      vi.useRealTimers();
    }
  });
});
