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
import { setupOptionalHosts } from './optional-hosts';

// An ES module worker (Chrome `"type": "module"`, Firefox `background.scripts` + `type`), so it shares
// chunks with the pages (see wxt.config.ts). Module service workers cannot use dynamic import(): the
// build fails if one appears in the worker's chunk graph.
export default defineBackground({
  type: 'module',
  main() {
    const getDb = connection();

    const handlers = createHandlers(getDb);
    const base = browser.runtime.getURL('/');
    browser.runtime.onMessage.addListener(
      createListener(handlers, (sender) => classifySender(sender, browser.runtime.id, base)) as never,
    );

    setupMenus(getDb, handlers);
    setupCommands();
    setupReinject();
    setupOptionalHosts();
    const refreshMenus = async () => rebuildMenus(await db.listTopics(await getDb())).catch(() => undefined);
    browser.runtime.onInstalled.addListener(() => void refreshMenus());
    browser.runtime.onStartup.addListener(() => void refreshMenus());
    subscribe((e) => {
      if (e.topics) void rebuildMenus(e.topics).catch(() => undefined);
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ENRICH_ALARM) void retryPending(getDb);
    });
  },
});
