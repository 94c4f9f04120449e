/**
 * Which of the page's papers are saved: the newest state per paper id, by seq. Every state the
 * page hears carries the seq the background gave it (`SyncEvent.seq`): a change event and the reply
 * to the `save`/`unsave` that made it share one seq, and a `lookup` reply carries the seq taken
 * before its read. One rule: a state is applied only if its seq is newer than the one held. So a
 * tab that hears its own save twice (reply and event) applies it once, and a reply overtaken by
 * another tab's change (or a lookup that read the library before a save) never undoes it.
 * Pure: no DOM, no browser.
 */

interface Held {
  saved: boolean;
  seq: number;
}

/**
 * The states held, by paper id: only the ids the page asked about (events about other papers are
 * not kept); null: asked, no answer yet. Functions over a Map, not a class: their names minify.
 */
export type SavedStates = Map<string, Held | null>;

/** The seq of a guess (a lookup that failed: shown as not saved): any real state is newer. */
export const GUESS = 0;

/** Start following these ids (before asking about them, so that an event during the request counts). */
export function watch(states: SavedStates, ids: Iterable<string>): void {
  for (const id of ids) if (!states.has(id)) states.set(id, null);
}

/** The rule: apply `saved` for `id` if `seq` is newer than the state held; true when applied. Ids not watched are ignored. */
export function applyState(states: SavedStates, id: string, saved: boolean, seq: number): boolean {
  if (!states.has(id)) return false;
  const cur = states.get(id);
  if (cur && seq <= cur.seq) return false;
  states.set(id, { saved, seq });
  return true;
}

/** The state shown for `id`: undefined while no answer came. */
export const savedOf = (states: SavedStates, id: string): boolean | undefined => states.get(id)?.saved;
