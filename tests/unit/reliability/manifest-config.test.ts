/**
 * The manifest wxt.config.ts declares, per browser (the e2e test checks the built Chrome manifest
 * against README's permission table): `scripting` only where it is used, the strict CSP everywhere.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import config from '../../../wxt.config';

type Manifest = { permissions: string[]; host_permissions: string[]; optional_host_permissions?: string[]; content_security_policy: unknown };
const OPTIONAL_HOSTS = ['https://arxiv.org/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'];
const manifest = (browser: 'chrome' | 'firefox', cfg = config) =>
  (cfg.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Manifest)({
    browser,
    manifestVersion: 3,
    mode: 'production',
    command: 'build',
  });

describe('declared manifest', () => {
  it.each(['chrome', 'firefox'] as const)('%s: scripting registers the arXiv/alphaXiv content script at run time (and re-injects in Chrome)', (browser) => {
    expect(manifest(browser).permissions).toEqual(['storage', 'unlimitedStorage', 'contextMenus', 'alarms', 'scripting']);
  });

  it.each(['chrome', 'firefox'] as const)('%s: one required host, arXiv and alphaXiv optional, and a strict extension CSP', (browser) => {
    expect(manifest(browser).host_permissions).toEqual(['https://huggingface.co/*']);
    expect(manifest(browser).optional_host_permissions).toEqual(OPTIONAL_HOSTS);
    expect(manifest(browser).content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self'" });
  });
});

describe('PAPERSHELF_GRANT_OPTIONAL=1 (test builds only)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each(['chrome', 'firefox'] as const)('%s: declares the optional hosts as required hosts instead', async (browser) => {
    vi.stubEnv('PAPERSHELF_GRANT_OPTIONAL', '1');
    vi.resetModules();
    const grant = (await import('../../../wxt.config')).default;
    const m = manifest(browser, grant);
    expect(m.host_permissions).toEqual(['https://huggingface.co/*', ...OPTIONAL_HOSTS]);
    expect(m.optional_host_permissions).toBeUndefined();
  });
});
