/**
 * Driving the extension's background through its own protocol, from an extension page with no UI
 * (see quietExtensionPage), and counting what reaches the background.
 */
import type { Page } from 'playwright-core';
import type { Session } from '../tests/e2e/harness';
import type { Paper, Topic } from '../utils/types';
import type { MessageType, Req, Res } from '../utils/protocol/messages';
import { quietExtensionPage } from './browsers';

/** The part of `chrome` the bench calls inside pages and the worker (no @types/chrome here). */
export interface ChromeGlobal {
  chrome: {
    runtime: {
      sendMessage(msg: unknown): Promise<unknown>;
      onMessage: { addListener(fn: (msg: unknown, sender: { url?: string }) => void): void };
    };
  };
}

export interface Driver {
  page: Page;
  send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>>;
  /** Papers currently saved: the first `saved` of the library passed to `driver`. */
  saved: number;
  /** Make the library hold exactly the first `count` papers (importing only what is missing). */
  ensure(count: number): Promise<void>;
  /** Wipe the library and put the topics back: no papers. */
  reset(): Promise<void>;
}

type BenchWindow = ChromeGlobal & { __lib: Paper[] };

/**
 * A driver whose page holds `papers` (sent once), so imports of any slice of them cost no
 * transfer from Node. The library starts wiped, with `topics`.
 */
export async function driver(s: Session, papers: Paper[], topics: Topic[]): Promise<Driver> {
  const page = await quietExtensionPage(s);
  await page.evaluate((list) => void ((window as unknown as BenchWindow).__lib = list), papers);
  const send = async <T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> => {
    const reply = await page.evaluate(
      ([t, p]) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({ papershelf: 1, type: t, payload: p }),
      [type, payload] as const,
    );
    return unwrap(type, reply);
  };
  const importSlice = async (from: number, to: number) => {
    const reply = await page.evaluate(
      ([a, b]) => {
        const w = window as unknown as BenchWindow;
        return w.chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: { papers: w.__lib.slice(a, b), topics: [], dryRun: false } });
      },
      [from, to] as const,
    );
    unwrap('importRecords', reply);
  };
  const d: Driver = {
    page,
    send,
    saved: 0,
    async reset() {
      await send('wipe', null);
      await send('importRecords', { papers: [], topics, dryRun: false });
      d.saved = 0;
    },
    async ensure(count) {
      if (count < d.saved) await d.reset();
      if (count > d.saved) await importSlice(d.saved, count);
      d.saved = count;
      const total = await send('count', null);
      if (total !== count) throw new Error(`library holds ${total} papers, expected ${count}`);
    },
  };
  await d.reset();
  return d;
}

function unwrap<T extends MessageType>(type: T, reply: unknown): Res<T> {
  const r = reply as { ok: boolean; data?: Res<T>; error?: string } | undefined;
  if (!r?.ok) throw new Error(`${type}: ${r?.error ?? 'no answer'}`);
  return r.data as Res<T>;
}

/** Start recording every message the background receives (type and sender URL). */
export async function countMessages(s: Session): Promise<void> {
  await s.worker.evaluate(() => {
    const g = self as unknown as { __benchMessages?: Array<{ type: string; from: string }>; __benchListening?: boolean };
    g.__benchMessages = [];
    if (g.__benchListening) return;
    g.__benchListening = true;
    (globalThis as unknown as ChromeGlobal).chrome.runtime.onMessage.addListener((m, sender) => {
      g.__benchMessages!.push({ type: String((m as { type?: unknown })?.type), from: sender.url ?? '' });
    });
  });
}

/** Messages received since `countMessages`: type and sender URL. */
export async function receivedMessages(s: Session): Promise<Array<{ type: string; from: string }>> {
  return s.worker.evaluate(() => (self as unknown as { __benchMessages: Array<{ type: string; from: string }> }).__benchMessages);
}

/** Messages received since `countMessages`, from pages at huggingface.co (content scripts). */
export async function contentMessages(s: Session): Promise<string[]> {
  return (await receivedMessages(s)).filter((m) => m.from.startsWith('https://huggingface.co/')).map((m) => m.type);
}
