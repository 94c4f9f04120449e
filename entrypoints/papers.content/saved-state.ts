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

/** The seq of a guess (a lookup that failed: shown as not saved): any real state is newer. */
export const GUESS = 0;

export class SavedStates {
  /** Only the ids the page asked about (events about other papers are not kept); null: asked, no answer yet. */
  private held = new Map<string, Held | null>();

  /** Start following these ids (before asking about them, so that an event during the request counts). */
  watch(ids: Iterable<string>): void {
    for (const id of ids) if (!this.held.has(id)) this.held.set(id, null);
  }

  /** Apply `saved` for `id` if `seq` is newer than the state held; true when applied. Ids not watched are ignored. */
  apply(id: string, saved: boolean, seq: number): boolean {
    if (!this.held.has(id)) return false;
    const cur = this.held.get(id);
    if (cur && seq <= cur.seq) return false;
    this.held.set(id, { saved, seq });
    return true;
  }

  /** The state shown for `id`: undefined while no answer came. */
  get(id: string): boolean | undefined {
    return this.held.get(id)?.saved;
  }

  /** Whether `id` is watched. */
  has(id: string): boolean {
    return this.held.has(id);
  }

  /** The ids watched (to re-check them all with one lookup). */
  ids(): string[] {
    return [...this.held.keys()];
  }
}
