/**
 * Stable hooks: attribute names that are a public contract (tests, users' own styles).
 * Never rename one without a migration note in the README.
 */
export const HOOK = {
  /** Card root: data-papershelf-id="<arxiv id>". */
  id: 'data-papershelf-id',
  /** Save button inside the toggle's open shadow root. */
  save: 'data-papershelf-save',
  /** Comma-separated names of matching topics, on the card root. */
  topics: 'data-papershelf-topics',
  dimmed: 'data-papershelf-dimmed',
  /** Card root: an unsaved card that resembles the library ("Like your library"). */
  recommended: 'data-papershelf-recommended',
  hidden: 'data-papershelf-hidden',
  /** Card root: the paper had never been seen before this page load. */
  fresh: 'data-papershelf-new',
  /** Card root: the paper was seen in an earlier page load. */
  seen: 'data-papershelf-seen',
  /** Host element of the toggle (our own, inside the card). */
  toggleHost: 'data-papershelf-toggle',
} as const;
