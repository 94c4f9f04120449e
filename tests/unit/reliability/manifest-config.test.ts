/**
 * The manifest wxt.config.ts declares, per browser (the e2e test checks the built Chrome manifest
 * against README's permission table): `scripting` only where it is used, the strict CSP everywhere.
 */
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

type Manifest = { permissions: string[]; host_permissions: string[]; content_security_policy: unknown };
const manifest = (browser: 'chrome' | 'firefox') =>
  (config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Manifest)({
    browser,
    manifestVersion: 3,
    mode: 'production',
    command: 'build',
  });

describe('declared manifest', () => {
  it('Chrome: scripting re-injects the content script after an install or update', () => {
    expect(manifest('chrome').permissions).toEqual(['storage', 'unlimitedStorage', 'contextMenus', 'alarms', 'scripting']);
  });

  it('Firefox re-injects by itself: no scripting permission', () => {
    expect(manifest('firefox').permissions).toEqual(['storage', 'unlimitedStorage', 'contextMenus', 'alarms']);
  });

  it.each(['chrome', 'firefox'] as const)('%s: one host, and a strict extension CSP', (browser) => {
    expect(manifest(browser).host_permissions).toEqual(['https://huggingface.co/*']);
    expect(manifest(browser).content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self'" });
  });
});
