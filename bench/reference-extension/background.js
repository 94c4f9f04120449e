// The floor of the bench's worker start-up row: the least a worker can do to answer Papershelf's
// `lookup` (which of these ids are saved?) from a stopped state: open IndexedDB, one read-only
// transaction, one getKey per id. Plain JavaScript, no build, no imports. `seed` fills the store
// with the bench library's records (so both databases hold the same data).
let opening;
function open() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('papershelf-floor', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('papers', { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

function lookup(db, ids) {
  return new Promise((resolve, reject) => {
    const store = db.transaction('papers').objectStore('papers');
    const saved = [];
    let left = ids.length;
    if (!left) resolve(saved);
    for (const id of ids) {
      const req = store.getKey(id);
      req.onsuccess = () => {
        if (req.result !== undefined) saved.push(id);
        if (--left === 0) resolve(saved);
      };
      req.onerror = () => reject(req.error);
    }
  });
}

function seed(db, papers) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('papers', 'readwrite');
    const store = tx.objectStore('papers');
    store.clear();
    for (const p of papers) store.put(p);
    tx.oncomplete = () => resolve(papers.length);
    tx.onerror = () => reject(tx.error);
  });
}

chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg?.type === 'lookup')
    open()
      .then((db) => lookup(db, msg.payload.ids))
      .then((saved) => sendResponse({ ok: true, data: { saved, topics: [], mode: 'highlight' } }), (err) => sendResponse({ ok: false, error: String(err) }));
  else if (msg?.type === 'seed')
    open()
      .then((db) => seed(db, msg.payload.papers))
      .then((n) => sendResponse({ ok: true, data: n }), (err) => sendResponse({ ok: false, error: String(err) }));
  else return false;
  return true;
});
