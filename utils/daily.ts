/**
 * Today's papers from https://huggingface.co/api/daily_papers (the site's own API). Each item wraps
 * the paper's fields in `paper` (id, title, summary, authors[].name, publishedAt, submittedOnDailyAt,
 * upvotes, ai_keywords, organization {name, fullname}, githubRepo); `thumbnail` is on the item.
 * The body is untrusted: malformed items are skipped and counted, never thrown on.
 */
import { cleanCard } from './store/paper-record';
import { isRecord } from './import/validate';
import type { CardInfo } from './types';

export const DAILY_API = 'https://huggingface.co/api/daily_papers';

/** One paper of today's list, as the worker keeps it (a clean CardInfo, plus the list's day). */
export interface DailyPaper extends CardInfo {
  /** YYYY-MM-DD of the daily list it was submitted to, when the item says. */
  day?: string;
}

export interface DailyList {
  papers: DailyPaper[];
  /** Items that were not a paper (no arXiv id, no title…). */
  skipped: number;
}

/** The items of a daily_papers answer; throws only when the body is not a list at all. */
export function parseDaily(body: unknown): DailyList {
  if (!Array.isArray(body)) throw new Error('the answer was not a list of papers');
  const papers: DailyPaper[] = [];
  const ids = new Set<string>();
  let skipped = 0;
  for (const item of body.slice(0, 1000)) {
    const paper = dailyPaper(item);
    if (!paper) skipped++;
    else if (!ids.has(paper.id)) {
      ids.add(paper.id);
      papers.push(paper);
    }
  }
  return { papers, skipped: skipped + Math.max(0, body.length - 1000) };
}

function dailyPaper(item: unknown): DailyPaper | null {
  if (!isRecord(item) || !isRecord(item.paper)) return null;
  const p = item.paper;
  if (typeof p.id !== 'string' || typeof p.title !== 'string' || !p.title.trim()) return null;
  const org = isRecord(p.organization) ? p.organization : {};
  let card: CardInfo;
  try {
    card = cleanCard({
      id: p.id,
      title: p.title,
      abstract: p.summary,
      authors: Array.isArray(p.authors) ? p.authors.map((a) => (isRecord(a) ? a.name : undefined)) : undefined,
      publishedAt: p.publishedAt,
      upvotes: p.upvotes,
      aiKeywords: p.ai_keywords,
      organization: typeof org.fullname === 'string' ? org.fullname : org.name,
      githubRepo: p.githubRepo,
      thumbnail: item.thumbnail,
    });
  } catch {
    return null; // not an arXiv id
  }
  const day = typeof p.submittedOnDailyAt === 'string' && /^\d{4}-\d{2}-\d{2}/.test(p.submittedOnDailyAt) ? p.submittedOnDailyAt.slice(0, 10) : undefined;
  return day ? { ...card, day } : card;
}

/** The site's page of the list: `/papers/date/<day>` of its newest item, else `/papers` (today's). */
export function dailyPageUrl(papers: DailyPaper[]): string {
  const day = papers.map((p) => p.day).filter((d): d is string => !!d).sort().pop();
  return day ? `https://huggingface.co/papers/date/${day}` : 'https://huggingface.co/papers';
}

/** Ids among `matches` not notified before (de-duplicated notifications). */
export const toNotify = (matches: string[], notified: readonly string[]): string[] => {
  const before = new Set(notified);
  return matches.filter((id) => !before.has(id));
};

/** "3 new papers match your topics: A, B, …" */
export function notificationText(titles: string[]): string {
  const n = titles.length;
  const shown = titles.slice(0, 3).join('; ');
  return `${n} new paper${n === 1 ? '' : 's'} match${n === 1 ? 'es' : ''} your topics: ${shown}${n > 3 ? '; …' : ''}`;
}
