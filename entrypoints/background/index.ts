import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import * as db from '@/utils/store/db';
import { createListener } from '@/utils/protocol/router';
import { classifySender } from '@/utils/protocol/sender';
import { onPublish, subscribe } from '@/utils/protocol/sync';
import { connection } from './connection';
import { createHandlers } from './handlers';
import { later } from './later';
import { ENRICH_ALARM, retryPending } from './enrich';
import { onLibraryChange, recommendModel } from './recommend';
import { rebuildMenus, setupMenus } from './menus';
import { setupCommands } from './commands';
import { setupReinject } from './reinject';
import { Daily, scheduleRetry, setGlobalBadge, setupDaily, showNotification } from './daily';
import { setupPruning } from './seen';
import { setupOptionalHosts } from './optional-hosts';
import { createHubSync, HUB_PERIODIC_ALARM, HUB_SOON_ALARM } from './hub-sync';
import { createMirror } from './sync-mirror';

// An ES module worker (Chrome `"type": "module"`, Firefox `background.scripts` + `type`), so it shares
// chunks with the pages (see wxt.config.ts). Module service workers cannot use dynamic import(): the
// build fails if one appears in the worker's chunk graph.

export default defineBackground({
  type: 'module',
  main() {
    const getDb = connection();

    // Morning triage: today's matches (global badge, optional notifications) and the seen set's pruning.
    const daily = new Daily({ getDb, setGlobalBadge, notify: showNotification, scheduleRetry });
    setupDaily(daily);
    setupPruning(getDb);

    const hub = createHubSync(getDb, { fetchDetails: () => void retryPending(getDb).catch(() => undefined) });
    const mirror = createMirror(getDb);
    // Recommendations: the model persists itself a moment after its last change.
    const rec = recommendModel(getDb);
    const handlers = createHandlers(getDb, undefined, undefined, daily, hub, rec);
    const base = browser.runtime.getURL('/');
    browser.runtime.onMessage.addListener(
      createListener(handlers, (sender) => classifySender(sender, browser.runtime.id, base)),
    );

    setupMenus(getDb, handlers);
    setupCommands();
    setupReinject();
    setupOptionalHosts();
    // Work no page waits for runs a moment after the event that started it: the worker is often
    // started by a page's lookup (browser start-up, the alarm and the page's load together), and
    // that answer must not queue behind rebuilding menus or reading every paper for retries.
    const refreshMenus = () => later(async () => rebuildMenus(await db.listTopics(await getDb())));
    browser.runtime.onInstalled.addListener(refreshMenus);
    browser.runtime.onStartup.addListener(refreshMenus);
    // Recommendations: papers changed outside the handlers (details fetched, Hub sync) are read again.
    onPublish(onLibraryChange(rec));
    subscribe((e) => {
      if (e.topics) void rebuildMenus(e.topics).catch(() => undefined);
      if (e.topics || e.library) void daily.refreshBadge().catch(() => undefined);
      // Sync: local changes go to storage.sync (topics, mode) and, a minute later, to the Hub.
      if (e.fromSync) return;
      if (e.mode || e.dimSeen !== undefined) void mirror.settingsChanged().catch(() => undefined);
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
      if (alarm.name === ENRICH_ALARM) later(() => retryPending(getDb));
      if (alarm.name === HUB_SOON_ALARM || alarm.name === HUB_PERIODIC_ALARM)
        void hub.automatic().catch(() => undefined);
    });
  },
});
