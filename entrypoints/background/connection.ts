/**
 * The worker's one database connection, opened on first use. A failed open is retried on the next
 * use; a connection the browser closes (site data cleared, storage failure) or that another context
 * needs to upgrade or delete is dropped, and the next use opens a new one.
 */
import { openPapershelfDb, type DB } from '@/utils/store/db';

export function connection(open: () => Promise<DB> = () => openPapershelfDb()): () => Promise<DB> {
  let current: Promise<DB> | undefined;
  return () => {
    if (current) return current;
    // `new Promise` turns an open() that throws (IndexedDB disabled) into a rejection.
    const opening: Promise<DB> = new Promise<DB>((resolve) => resolve(open())).then(
      (d) => {
        const drop = () => {
          if (current === opening) current = undefined;
        };
        d.addEventListener('close', drop);
        d.addEventListener('versionchange', () => {
          d.close();
          drop();
        });
        return d;
      },
      (err) => {
        if (current === opening) current = undefined; // try again next time instead of failing forever
        throw err;
      },
    );
    current = opening;
    return opening;
  };
}
