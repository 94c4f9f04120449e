/** Context menus: save a linked paper; add selected text as a term to a topic. */
import { browser } from 'wxt/browser';
import type { DB } from '@/utils/store/db';
import * as db from '@/utils/store/db';
import { paperIdFromUrl } from '@/utils/detection/paper-id';
import { parseTerm } from '@/utils/topics';
import type { Handlers } from '@/utils/protocol/router';
import type { Topic } from '@/utils/types';

const SAVE_LINK = 'papershelf-save-link';
const ADD_TO_TOPIC = 'papershelf-add-term';
const TOPIC_PREFIX = 'papershelf-topic:';
const NEW_TOPIC = 'papershelf-topic-new';
const PAPER_LINKS = ['https://huggingface.co/papers/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/pdf/*'];

/** Rebuild all menus (cheap; called on install/startup and whenever topics change). */
export async function rebuildMenus(topics: Topic[]): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: SAVE_LINK, title: 'Save paper to Papershelf', contexts: ['link'], targetUrlPatterns: PAPER_LINKS });
  browser.contextMenus.create({ id: ADD_TO_TOPIC, title: 'Add “%s” to Papershelf topic', contexts: ['selection'] });
  for (const t of topics)
    browser.contextMenus.create({ id: TOPIC_PREFIX + t.id, parentId: ADD_TO_TOPIC, title: t.name, contexts: ['selection'] });
  browser.contextMenus.create({ id: NEW_TOPIC, parentId: ADD_TO_TOPIC, title: 'New topic…', contexts: ['selection'] });
}

/** A selection as one topic term: phrases are quoted; what does not parse is refused. */
export function selectionToTerm(selection: string): string | null {
  const text = selection.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!text) return null;
  const term = /\s/.test(text) ? `"${text.replace(/"/g, '')}"` : text;
  return parseTerm(term).ok ? term : null;
}

export function setupMenus(getDb: () => Promise<DB>, handlers: Handlers): void {
  browser.contextMenus.onClicked.addListener(async (info) => {
    const id = String(info.menuItemId);
    const ext = { kind: 'extension' as const };
    if (id === SAVE_LINK && info.linkUrl) {
      const paperId = paperIdFromUrl(info.linkUrl);
      if (paperId) await handlers.save({ card: { id: paperId, title: paperId } }, ext);
      return;
    }
    const term = info.selectionText ? selectionToTerm(info.selectionText) : null;
    if (!term) return;
    if (id === NEW_TOPIC) {
      await browser.tabs.create({ url: browser.runtime.getURL('/library.html') + `#topics?term=${encodeURIComponent(term)}` });
      return;
    }
    if (id.startsWith(TOPIC_PREFIX)) {
      const topic = (await db.listTopics(await getDb())).find((t) => t.id === id.slice(TOPIC_PREFIX.length));
      if (!topic || topic.include.includes(term)) return;
      await handlers.saveTopic({ topic: { ...topic, include: [...topic.include, term] } }, ext);
    }
  });
}
