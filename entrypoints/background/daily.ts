/**
 * Morning triage in the worker: today's list from https://huggingface.co/api/daily_papers, checked at
 * browser start, every 3 hours (an alarm, re-created at start: Firefox keeps no alarms across
 * restarts), after a failure (a retry alarm) and when the popup opens with no success in the last
 * hour. Matched with the topic engine like cards on a page; the global badge counts today's matches
 * not seen yet; optional notifications for matches not notified before. A failed check keeps the
 * last good list and says why.
 */
import { browser } from 'wxt/browser';
import { later } from './later';
import * as db from '@/utils/store/db';
import type { DB } from '@/utils/store/db';
import { DAILY_API, dailyPageUrl, notificationText, parseDaily, toNotify, type DailyPaper } from '@/utils/daily';
import type { TodayMatch, TodayState } from '@/utils/protocol/messages';
import { paperFromCard } from '@/utils/store/paper-record';
import { publish } from '@/utils/protocol/sync';
import { compileTopics, matchTopics, type CompiledTopics } from '@/utils/topics';

export const DAILY_ALARM = 'papershelf:daily';
export const DAILY_RETRY_ALARM = 'papershelf:daily-retry';
export const DAILY_KEY = 'papershelf:daily';
export const DAILY_PERIOD_MINUTES = 180;
export const DAILY_RETRY_MINUTES = 30;
export const DAILY_TIMEOUT_MS = 15_000;
/** The popup checks again when no check succeeded within this. */
export const DAILY_FRESH_MS = 60 * 60_000;
export const NOTIFICATION_ID = 'papershelf:daily';

/** What the worker keeps in `storage.local` (survives worker stops and browser restarts). */
export interface DailyStore {
  papers: DailyPaper[];
  skipped: number;
  fetchedAt?: string;
  error?: string;
  retryAt?: string;
  /** Ids already notified (today's list only): a paper is announced once. */
  notified: string[];
}

const EMPTY: DailyStore = { papers: [], skipped: 0, notified: [] };

/** One check of the API: the list, or an Error whose message says why in plain words. */
export async function fetchDaily(fetchImpl: typeof fetch = fetch, timeoutMs = DAILY_TIMEOUT_MS) {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetchImpl(DAILY_API, { signal: ctrl.signal, credentials: 'omit' });
    } catch {
      throw new Error(timedOut ? `no answer within ${timeoutMs / 1000} s` : 'huggingface.co could not be reached (offline?)');
    }
    if (!res.ok) throw new Error(`huggingface.co answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new Error(timedOut ? `no answer within ${timeoutMs / 1000} s` : 'the answer was not valid JSON');
    }
    return parseDaily(body);
  } finally {
    clearTimeout(timer);
  }
}

export interface DailyDeps {
  getDb: () => Promise<DB>;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** The global badge text (tabs without their own). */
  setGlobalBadge?: (count: number) => Promise<void>;
  /** Show one notification, if the permission is granted (returns whether it was shown). */
  notify?: (title: string, message: string) => Promise<boolean>;
  /** Schedule the retry after a failure. */
  scheduleRetry?: (when: Date) => Promise<void>;
}

export class Daily {
  private inflight?: Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly deps: DailyDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async load(): Promise<DailyStore> {
    const got = (await browser.storage.local.get(DAILY_KEY))[DAILY_KEY] as Partial<DailyStore> | undefined;
    return { ...EMPTY, ...got };
  }

  private async store(next: DailyStore): Promise<void> {
    await browser.storage.local.set({ [DAILY_KEY]: next });
  }

  get checking(): boolean {
    return this.inflight !== undefined;
  }

  /** Check now (one at a time: a second call joins the running one). */
  check(): Promise<void> {
    this.inflight ??= this.run().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async run(): Promise<void> {
    const cur = await this.load();
    try {
      const list = await fetchDaily(this.deps.fetchImpl, this.deps.timeoutMs);
      const today = new Set(list.papers.map((p) => p.id));
      const next: DailyStore = {
        papers: list.papers,
        skipped: list.skipped,
        fetchedAt: this.now().toISOString(),
        notified: cur.notified.filter((id) => today.has(id)),
      };
      await this.store(next);
      await this.announce(next);
    } catch (err) {
      const retryAt = new Date(this.now().getTime() + DAILY_RETRY_MINUTES * 60_000);
      // The last good list stays.
      await this.store({ ...cur, error: err instanceof Error ? err.message : String(err), retryAt: retryAt.toISOString() });
      await this.deps.scheduleRetry?.(retryAt).catch(() => undefined);
    }
    await this.refreshBadge().catch(() => undefined);
    await publish({ daily: true });
  }

  /** Notify of matches not notified before (at most one notification per check). */
  private async announce(state: DailyStore): Promise<void> {
    if (!this.deps.notify) return;
    const matches = await this.matches(state);
    const fresh = toNotify(
      matches.filter((m) => !m.seen && !m.saved).map((m) => m.id),
      state.notified,
    );
    if (!fresh.length) return;
    const titles = fresh.map((id) => matches.find((m) => m.id === id)!.title);
    if (await this.deps.notify('Papershelf: today’s papers', notificationText(titles)).catch(() => false))
      await this.store({ ...state, notified: [...state.notified, ...fresh] });
  }

  /** Today's papers matching the enabled topics: unseen first, then in the list's order. */
  async matches(state?: DailyStore): Promise<TodayMatch[]> {
    const { papers } = state ?? (await this.load());
    if (!papers.length) return [];
    const d = await this.deps.getDb();
    const compiled = compileTopics(await db.listTopics(d));
    const found: Array<{ paper: DailyPaper; topics: string[] }> = [];
    for (const paper of papers) {
      const hits = topicsOf(compiled, paper);
      if (hits.length) found.push({ paper, topics: hits });
    }
    if (!found.length) return [];
    const ids = found.map((f) => f.paper.id);
    const [seen, saved] = await Promise.all([db.seenAmong(d, ids), db.savedAmong(d, ids)]);
    const seenSet = new Set(seen);
    const savedSet = new Set(saved);
    const out = found.map(({ paper, topics }) => ({ id: paper.id, title: paper.title, topics, seen: seenSet.has(paper.id), saved: savedSet.has(paper.id) }));
    return [...out.filter((m) => !m.seen), ...out.filter((m) => m.seen)];
  }

  /** What the popup shows; `refresh` starts a check when none succeeded in the last hour. */
  async state(refresh = false): Promise<TodayState> {
    const s = await this.load();
    const stale = !s.fetchedAt || this.now().getTime() - Date.parse(s.fetchedAt) > DAILY_FRESH_MS;
    if (refresh && stale) void this.check();
    const d = await this.deps.getDb();
    const hasTopics = (await db.listTopics(d)).some((t) => t.enabled);
    return {
      fetchedAt: s.fetchedAt,
      error: s.error,
      retryAt: s.retryAt,
      checking: this.checking,
      papers: s.papers.length,
      skipped: s.skipped,
      hasTopics,
      matches: await this.matches(s),
    };
  }

  /** The global badge: today's matches not seen yet. */
  async refreshBadge(): Promise<number> {
    const count = (await this.matches()).filter((m) => !m.seen).length;
    await this.deps.setGlobalBadge?.(count);
    return count;
  }

  /** Seen ids came in: the badge drops when some were among today's papers. */
  async onSeen(ids: string[]): Promise<void> {
    const { papers } = await this.load();
    const today = new Set(papers.map((p) => p.id));
    if (ids.some((id) => today.has(id))) await this.refreshBadge();
  }

  /** The full record of one of today's papers, for saving it from the popup. */
  async record(id: string, existing?: Parameters<typeof paperFromCard>[2], tags: string[] = []) {
    const { papers } = await this.load();
    const paper = papers.find((p) => p.id === id);
    if (!paper) throw new Error(`${id} is not in today's papers.`);
    const { day: _day, ...card } = paper;
    return { card, make: (nowIso: string) => ({ ...paperFromCard(card, nowIso, existing, tags), enrichedAt: nowIso }) };
  }

  /** The site's page of today's list (where a notification's click goes). */
  async pageUrl(): Promise<string> {
    return dailyPageUrl((await this.load()).papers);
  }
}

function topicsOf(compiled: CompiledTopics, p: DailyPaper): string[] {
  return matchTopics(compiled, { title: p.title, abstract: p.abstract, keywords: p.aiKeywords, organization: p.organization }).map((m) => m.name);
}

/** The global badge (tabs that set their own, papers tabs, keep it). */
export async function setGlobalBadge(count: number): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ text: count > 0 ? String(Math.min(count, 9999)) : '' });
  await action.setBadgeBackgroundColor({ color: '#6d28d9' });
}

/** A notification when the optional permission is granted; clicking it opens today's daily page. */
export async function showNotification(title: string, message: string): Promise<boolean> {
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return false;
  const notifications = (browser as unknown as { notifications?: typeof browser.notifications }).notifications;
  if (!notifications) return false;
  await notifications.create(NOTIFICATION_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
  return true;
}

/** Wire alarms, start-up and notification clicks. Called from the worker's main(). */
export function setupDaily(daily: Daily): void {
  const schedule = () => browser.alarms.create(DAILY_ALARM, { periodInMinutes: DAILY_PERIOD_MINUTES });
  const atStart = () => {
    void schedule();
    void daily.check();
  };
  browser.runtime.onStartup.addListener(atStart);
  browser.runtime.onInstalled.addListener(atStart);
  // A worker woken for anything else: make sure the 3-hour alarm exists (a moment after the event
  // that started it: a page's lookup is answered first).
  later(() => browser.alarms.get(DAILY_ALARM).then((a) => (a ? undefined : schedule())));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_ALARM || alarm.name === DAILY_RETRY_ALARM) void daily.check();
  });
  // Chrome defines `notifications` only while the optional permission is granted.
  let listening = false;
  const listenClicks = () => {
    const notifications = (browser as unknown as { notifications?: typeof browser.notifications }).notifications;
    if (listening || !notifications) return;
    listening = true;
    notifications.onClicked.addListener((id) => {
      if (id !== NOTIFICATION_ID) return;
      void daily.pageUrl().then((url) => browser.tabs.create({ url }));
      void notifications.clear(id);
    });
  };
  listenClicks();
  browser.permissions.onAdded?.addListener(listenClicks);
}

export const scheduleRetry = async (when: Date) => {
  await browser.alarms.create(DAILY_RETRY_ALARM, { when: when.getTime() });
};
