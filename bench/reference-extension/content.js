// The least a content script can do to show saved state on a papers page, for the bench's page-load
// floor: at DOMContentLoaded, one `lookup` of the page's paper ids to its worker, then one plain
// toggle (an open shadow root holding button[data-papershelf-save][aria-pressed]) on each card, in one
// task. No reading, matching, marks or late cards. Plain JavaScript, no build, no imports.
(() => {
  const cards = new Map();
  for (const a of document.querySelectorAll('h3 a[href^="/papers/"]')) {
    const id = a.getAttribute('href').slice('/papers/'.length);
    const root = a.closest('article') ?? a.parentElement;
    if (!cards.has(id)) cards.set(id, root);
  }
  chrome.runtime.sendMessage({ papershelf: 1, type: 'lookup', payload: { ids: [...cards.keys()] } }).then((reply) => {
    const saved = new Set(reply?.data?.saved ?? []);
    for (const [id, root] of cards) {
      const host = document.createElement('span');
      host.setAttribute('data-papershelf-toggle', id);
      host.style.cssText = 'position:absolute;top:8px;right:8px';
      const button = document.createElement('button');
      button.setAttribute('data-papershelf-save', '');
      button.setAttribute('aria-pressed', String(saved.has(id)));
      button.textContent = saved.has(id) ? 'Saved' : 'Save';
      host.attachShadow({ mode: 'open' }).append(button);
      root.setAttribute('data-papershelf-id', id);
      root.append(host);
    }
  });
})();
