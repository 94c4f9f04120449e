/** What a scan records: one hit per term match (kept per topic by the scan state, scan-state.ts). */

export interface Hit {
  field: number; // 0 title, 1 abstract, 2… keywords, then organization
  start: number;
  end: number;
  text: string;
  /**
   * Dedupe key of the matched words (their keys, space-joined), or null when `result` makes it
   * when needed: from the text lowercased (a regex match, or PLAIN), or its words' keys (PHRASE).
   */
  key: string | null;
  kind: number;
}

/** Hit kinds: one ASCII word with nothing invisible inside (the text needs no clean-up for `terms`). */
export const PLAIN = 1;
/** A phrase with no key made. */
export const PHRASE = 2;

export const INCLUDE = 1;
export const EXCLUDE = 2;
