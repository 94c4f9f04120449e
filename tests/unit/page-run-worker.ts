/**
 * The real background behind WXT's fake browser, for page-run tests: each test gets its own database
 * (`<prefix>-<n>`), the worker's handlers answering the content script's messages, and a clean
 * teardown (the page run stopped, the database closed and deleted).
 */
import { afterEach, beforeEach } from 'vitest';
import { deleteDB } from 'idb';
import { createHandlers } from '../../entrypoints/background/handlers';
import type { PageRun } from '../../entrypoints/papers.content/watcher';
import * as db from '../../utils/store/db';
import { createListener, type Handlers } from '../../utils/protocol/router';
import { addFakeListener } from './listener';

export interface PageRunWorker {
  handlers: Handlers;
  /** The open database (once the worker opened it). */
  db(): db.DB;
  /** The page run under test, stopped after each test. */
  run?: PageRun;
}

export function pageRunWorker(prefix: string): PageRunWorker {
  let n = 0;
  let name = '';
  let open: db.DB | undefined;
  const w: PageRunWorker = { handlers: undefined as unknown as Handlers, db: () => open! };
  beforeEach(() => {
    name = `${prefix}-${++n}`;
    w.handlers = createHandlers(async () => (open ??= await db.openPapershelfDb(name)), undefined, () => undefined);
    addFakeListener(createListener(w.handlers, () => 'content'));
  });
  afterEach(async () => {
    w.run?.stop();
    w.run = undefined;
    open?.close();
    open = undefined;
    await deleteDB(name);
  });
  return w;
}
