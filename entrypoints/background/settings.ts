import { browser } from 'wxt/browser';
import type { Settings } from '@/utils/protocol/messages';

const KEY = 'papershelf:settings';
const DEFAULTS: Settings = { mode: 'highlight', savesSinceExport: 0, recommendMax: 5 };

export async function getSettings(): Promise<Settings> {
  const got = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULTS, ...got };
}

let queue: Promise<unknown> = Promise.resolve();

/** Read-modify-write, serialised so concurrent saves never lose an update. */
export function patchSettings(patch: (s: Settings) => Partial<Settings>): Promise<Settings> {
  const run = queue.then(async () => {
    const cur = await getSettings();
    const next = { ...cur, ...patch(cur) };
    await browser.storage.local.set({ [KEY]: next });
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}
