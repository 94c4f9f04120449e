/** The IndexedDB database and its stores: a public contract too (README, Data format). */
export const DB_NAME = 'papershelf';
export const STORE_PAPERS = 'papers';
export const STORE_TOPICS = 'topics';
export const STORE_SEEN = 'seen';
export const STORE_RECOMMEND = 'recommend';
