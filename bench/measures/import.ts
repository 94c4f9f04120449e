/**
 * Importing 10,000 papers: the `importRecords` round-trip into an empty library against a raw
 * IndexedDB bulk put of the same records (one transaction, same schema) into a scratch database,
 * both from the same extension page, alternately.
 */
import type { Driver, ChromeGlobal } from '../extension';
import type { Paper } from '../../utils/types';
import { interleave, median, rounded } from '../stats';
import type { Row } from '../report';

type LibWindow = ChromeGlobal & { __lib: Paper[] };

async function timeImport(d: Driver): Promise<number> {
  await d.reset();
  return d.page.evaluate(async () => {
    const w = window as unknown as LibWindow;
    const t = performance.now();
    const r = (await w.chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: { papers: w.__lib, topics: [], dryRun: false } })) as {
      ok: boolean;
      data?: { added: number };
      error?: string;
    };
    const dt = performance.now() - t;
    if (!r?.ok || r.data?.added !== w.__lib.length) throw new Error(`importRecords: ${r?.error ?? JSON.stringify(r?.data)}`);
    return dt;
  });
}

/** One readwrite transaction putting every record into a store shaped like the product's. */
async function timeRawPut(d: Driver): Promise<number> {
  return d.page.evaluate(async () => {
    const w = window as unknown as LibWindow;
    const req = (r: IDBRequest | IDBTransaction) =>
      new Promise<void>((ok, fail) => {
        if (r instanceof IDBTransaction) {
          r.oncomplete = () => ok();
          r.onerror = r.onabort = () => fail(r.error);
        } else {
          r.onsuccess = () => ok();
          r.onerror = () => fail(r.error);
        }
      });
    const open = indexedDB.open('papershelf-bench-scratch', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('papers', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
    await req(open);
    const db = open.result;
    const clear = db.transaction('papers', 'readwrite');
    clear.objectStore('papers').clear();
    await req(clear);
    const t = performance.now();
    const tx = db.transaction('papers', 'readwrite');
    const store = tx.objectStore('papers');
    for (const p of w.__lib) store.put(p);
    await req(tx);
    const dt = performance.now() - t;
    db.close();
    return dt;
  });
}

export async function measureImport(d: Driver, count: number, reps: number): Promise<Row> {
  const { a: imp, b: raw } = await interleave(reps, () => timeImport(d), () => timeRawPut(d));
  d.saved = count;
  const ratio = median(imp) / median(raw);
  return {
    measure: `import ${count.toLocaleString('en-US')}-paper JSON (importRecords round-trip)`,
    value: median(imp),
    unit: 'ms',
    reference: { label: 'raw IndexedDB bulk put, one transaction', value: median(raw), unit: 'ms' },
    ratio,
    target: '≤ 1.5×',
    pass: ratio <= 1.5,
    details: { importMs: rounded(imp), rawPutMs: rounded(raw), note: 'both from the same extension page, records already in the page; import into a library with no papers (20 topics)' },
  };
}
