// Code evaluated inside the extension (service worker, extension pages) uses the chrome.* API.
declare const chrome: typeof import('wxt/browser').browser;
