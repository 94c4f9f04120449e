/** Page object for library.html's Papers tab: everything found by its accessible name. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { Paper } from '../../utils/types';
import type { Session } from './harness';

export class LibraryPage {
  constructor(readonly page: Page) {}

  static async open(s: Session): Promise<LibraryPage> {
    const lib = new LibraryPage(await s.extensionPage('library.html'));
    await lib.page.getByRole('checkbox', { name: /^Select all \d+ shown$/ }).waitFor();
    return lib;
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search', exact: true });
  }
  /** The list of papers (named "Saved papers", or "Matching papers" while searching or filtering). */
  get list(): Locator {
    return this.page.getByRole('list', { name: /^(Saved|Matching) papers$/ });
  }
  get rows(): Locator {
    return this.list.getByRole('listitem');
  }
  /** Titles of the rendered rows, in order. */
  async titles(): Promise<string[]> {
    return (await this.list.locator('.ps-row-title').allTextContents()).map((t) => t.trim());
  }
  get details(): Locator {
    return this.page.getByRole('complementary');
  }
  get library(): Locator {
    return this.page.getByRole('region', { name: 'Back up, import, delete' });
  }
  get bulk(): Locator {
    return this.page.getByRole('group', { name: 'Selected papers' });
  }
  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }
  select(title: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${title}`, exact: true });
  }
  filter(name: 'Tag' | 'Topic' | 'Status' | 'Saved' | 'Sort by'): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  async openPaper(title: string): Promise<Locator> {
    await this.list.getByRole('button', { name: title, exact: true }).click();
    await this.details.getByRole('heading', { name: title }).waitFor();
    return this.details;
  }

  /** Click an export button in `scope` and return the downloaded file's name and text. */
  async download(scope: Locator, button: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([this.page.waitForEvent('download'), scope.getByRole('button', { name: button, exact: true }).click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  }
}

