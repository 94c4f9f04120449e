/**
 * Fixture pages dressed like huggingface.co: `site-look.css` adds the Tailwind utilities the fixture
 * markup uses (light and `html.dark`). Used by the screenshots and by the layout and theme tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, ROOT } from '../e2e/harness';

export const SITE_LOOK = readFileSync(join(ROOT, 'tests/screenshots/site-look.css'), 'utf8');

export interface Variant {
  /** Add the site's utilities (site-look.css). */
  look?: boolean;
  /** The site's dark theme: `<html class="dark">`. */
  dark?: boolean;
  /** Drop the `dark:` utilities from <body>: a page that does not theme with a class. */
  noClassTheme?: boolean;
}

/** The fixture HTML for `url`, changed as asked. */
export function variant(url: string, opts: Variant = {}): string {
  let html = fixture(url);
  if (opts.look) html = html.replace('<body', `<style>${SITE_LOOK}</style><body`);
  if (opts.dark) html = html.replace(/<html( class="")?>/, '<html class="dark">');
  if (opts.noClassTheme) html = html.replace(/<body class="([^"]*)"/, (_, c: string) => `<body class="${c.replace(/\S*dark:\S*/g, '')}"`);
  return html;
}
