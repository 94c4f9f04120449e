import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import * as db from '@/utils/db';
import { createListener } from '@/utils/router';
import { classifySender } from '@/utils/sender';
import { subscribe } from '@/utils/sync';
import { connection } from './connection';
import { createHandlers } from './handlers';
import { ENRICH_ALARM, retryPending } from './enrich';
import { rebuildMenus, setupMenus } from './menus';
import { setupCommands } from './commands';
import { setupReinject } from './reinject';
import { createHubSync, HUB_PERIODIC_ALARM, HUB_SOON_ALARM } from './hub-sync';
import { createMirror } from './sync-mirror';

// An ES module worker (Chrome `"type": "module"`, Firefox `background.scripts` + `type`), so it shares
// chunks with the pages (see wxt.config.ts). Module service workers cannot use dynamic import(): the
// build fails if one appears in the worker's chunk graph.
export default defineBackground({
  type: 'module',
  main() {
    const getDb = connection();

    const hub = createHubSync(getDb, { fetchDetails: () => void retryPending(getDb).catch(() => undefined) });
    const mirror = createMirror(getDb);
    const handlers = createHandlers(getDb, undefined, undefined, hub);
    const base = browser.runtime.getURL('/');
    browser.runtime.onMessage.addListener(
      createListener(handlers, (sender) => classifySender(sender, browser.runtime.id, base)) as never,
    );

    setupMenus(getDb, handlers);
    setupCommands();
    setupReinject();
    const refreshMenus = async () => rebuildMenus(await db.listTopics(await getDb())).catch(() => undefined);
    browser.runtime.onInstalled.addListener(() => void refreshMenus());
    browser.runtime.onStartup.addListener(() => void refreshMenus());
    subscribe((e) => {
      if (e.topics) void rebuildMenus(e.topics).catch(() => undefined);
      // Sync: local changes go to storage.sync (topics, mode) and, a minute later, to the Hub.
      if (e.fromSync) return;
      if (e.mode) void mirror.settingsChanged().catch(() => undefined);
      else if (e.topics) mirror.schedule();
      if (e.saved || e.papers || e.library || e.topics) void hub.changed().catch(() => undefined);
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync') void mirror.onRemote(changes).catch(() => undefined);
    });
    browser.runtime.onStartup.addListener(() => {
      mirror.schedule();
      void hub.automatic();
    });
    browser.runtime.onInstalled.addListener(() => mirror.schedule());

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ENRICH_ALARM) void retryPending(getDb);
      if (alarm.name === HUB_SOON_ALARM || alarm.name === HUB_PERIODIC_ALARM)
        void hub.automatic().catch(() => undefined);
    });
  },
});
