/**
 * The library page end to end, in real Chromium with the built extension: save papers on the
 * fixture site, organise them in library.html, search and filter, export every format through the
 * real buttons, wipe, and restore the JSON export through the file input.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, saveButton, saveTopics, storedIds, storedPapers, URLS, waitForCards, type Session } from './harness';
import { LibraryPage } from './library-page';

const IDS = ['2506.13000', '2506.13037', '2506.13074', '2506.13111'];
const ALPHACODE = 'Competition-Level Code Generation with AlphaCode';
const SPEC2RTL = 'Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems';
const NOTE = 'Compare the RTL pass rate with zanzibar baselines.';
const DATE_NAME = /^papershelf-\d{4}-\d{2}-\d{2}\./;

let s: Session;
let lib: LibraryPage;
/** The JSON export, kept to import back after the wipe. */
let backup = '';

beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('library page', () => {
  it('lists every paper saved on the site, newest saved first', async () => {
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    for (const id of IDS) {
      const button = saveButton(page, id);
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    }
    await page.close();
    expect(await storedIds(s)).toEqual(IDS);

    lib = await LibraryPage.open(s);
    await expect.poll(() => lib.rows.count()).toBe(4);
    const byId = new Map((await storedPapers(s)).map((p) => [p.id, p.title]));
    expect(await lib.titles()).toEqual([...IDS].reverse().map((id) => byId.get(id)));
    await expect.poll(() => lib.page.getByRole('checkbox', { name: 'Select all 4 shown' }).count()).toBe(1);
  });

  it('adds a tag and a note in the details panel, with links to HF, arXiv, PDF and code', async () => {
    const details = await lib.openPaper(SPEC2RTL);
    const links = Object.fromEntries(
      await details.getByRole('navigation', { name: 'Links' }).getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('href')])),
    );
    expect(links).toMatchObject({
      'Hugging Face': 'https://huggingface.co/papers/2506.13000',
      'arXiv abstract': 'https://arxiv.org/abs/2506.13000',
      PDF: 'https://arxiv.org/pdf/2506.13000',
    });
    const stored = (await storedPapers(s)).find((p) => p.id === '2506.13000')!;
    if (stored.githubRepo) expect(links.Code).toBe(stored.githubRepo);

    await details.getByRole('combobox', { name: 'Add tag' }).fill('must-read');
    await details.getByRole('button', { name: 'Add', exact: true }).click();
    await details.getByRole('list', { name: 'Tags' }).getByText('must-read').waitFor();

    await details.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await details.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13000')).toMatchObject({ note: NOTE, tags: expect.arrayContaining(['must-read']) });

    await details.getByRole('checkbox', { name: 'Read' }).check();
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13000')?.read).toBe(true);
    await details.getByRole('button', { name: 'Close details' }).click();
    expect(await lib.details.count()).toBe(0);
    // Keyboard users land back on the paper's row (in the next frame).
    await expect.poll(() => lib.page.evaluate(() => document.activeElement?.getAttribute('data-paper-id'))).toBe('2506.13000');
  });

  it('searches as you type: title prefix, typo, note; arrow keys move between rows', async () => {
    await lib.search.pressSequentially('alphac');
    await expect.poll(() => lib.titles()).toEqual([ALPHACODE]);
    await lib.search.fill('alfacode');
    await expect.poll(() => lib.titles()).toEqual([ALPHACODE]);
    await lib.search.fill('zanzibar');
    await expect.poll(() => lib.titles()).toEqual([SPEC2RTL]);
    await lib.search.fill('no such paper anywhere');
    await lib.page.getByText('No saved paper matches').waitFor();
    await lib.search.fill('');
    await expect.poll(() => lib.rows.count()).toBe(4);

    const titles = await lib.titles();
    await lib.list.getByRole('button', { name: titles[0], exact: true }).focus();
    await lib.page.keyboard.press('ArrowDown');
    expect(await lib.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(titles[1]);
  });

  it('filters by tag and by read state', async () => {
    await lib.filter('Tag').selectOption('must-read');
    await expect.poll(() => lib.titles()).toEqual([SPEC2RTL]);
    await lib.filter('Tag').selectOption('');
    await lib.filter('Status').selectOption('unread');
    await expect.poll(() => lib.rows.count()).toBe(3);
    expect(await lib.titles()).not.toContain(SPEC2RTL);
    await lib.filter('Status').selectOption('all');
    await expect.poll(() => lib.rows.count()).toBe(4);
  });

  it('exports every format through the real buttons', async () => {
    const json = await lib.download(lib.library, 'Export JSON');
    expect(json.name).toMatch(DATE_NAME);
    expect(json.name.endsWith('.json')).toBe(true);
    const parsed = JSON.parse(json.text);
    expect(parsed.format).toBe('papershelf');
    expect(parsed.papers.map((p: { id: string }) => p.id)).toEqual(IDS);
    expect(parsed.papers[0]).toMatchObject({ id: '2506.13000', note: NOTE, read: true, tags: expect.arrayContaining(['must-read']) });
    backup = json.text;

    const bib = await lib.download(lib.library, 'Export BibTeX');
    expect(bib.name).toMatch(/\.bib$/);
    for (const id of IDS) expect(bib.text).toContain(`eprint={${id}}`);
    expect(bib.text.match(/^@misc\{/gm)).toHaveLength(4);

    const csl = await lib.download(lib.library, 'Export CSL-JSON');
    expect(csl.name).toMatch(/\.csl\.json$/);
    expect(JSON.parse(csl.text).map((c: { id: string }) => c.id).sort()).toEqual(IDS);

    const ris = await lib.download(lib.library, 'Export RIS');
    expect(ris.name).toMatch(/\.ris$/);
    expect(ris.text.match(/^TY {2}- /gm)).toHaveLength(4);
    for (const id of IDS) expect(ris.text).toContain(`https://arxiv.org/abs/${id}`);

    const csv = await lib.download(lib.library, 'Export CSV');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('id,title,note')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(IDS);
    expect(csv.text).toContain(NOTE);

    const md = await lib.download(lib.library, 'Export Markdown');
    expect(md.name).toMatch(/\.md$/);
    for (const id of IDS) expect(md.text).toContain(`(https://huggingface.co/papers/${id})`);

    const html = await lib.download(lib.library, 'Export bookmarks HTML');
    expect(html.name).toMatch(/\.html$/);
    expect(html.text.startsWith('<!DOCTYPE NETSCAPE-Bookmark-file-1>')).toBe(true);
    for (const id of IDS) expect(html.text).toContain(`HREF="https://huggingface.co/papers/${id}"`);
  });

  it('deletes everything only after DELETE is typed; Escape closes the dialog', async () => {
    await lib.library.getByRole('button', { name: 'Delete all papers…' }).click();
    const dialog = lib.dialog('Delete all papers?');
    await dialog.waitFor();
    await lib.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await storedIds(s)).toEqual(IDS);

    await lib.library.getByRole('button', { name: 'Delete all papers…' }).click();
    const confirm = dialog.getByRole('button', { name: 'Delete everything' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('delete');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => storedIds(s)).toEqual([]);
    await lib.page.getByText('No saved papers yet.').waitFor();
  });

  it('a malformed file shows its errors and changes nothing', async () => {
    await lib.page.getByLabel('Import file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "papershelf", "version": 1, "papers": [{"id": '),
    });
    const alert = lib.library.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was imported: “broken.json”');
    expect(await lib.page.getByRole('dialog').count()).toBe(0);
    expect(await storedIds(s)).toEqual([]);
  });

  it('a file over 50 MB is refused before it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papershelf-big-'));
    const big = join(dir, 'huge.json');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024 + 1); // sparse: nothing is written or read
    try {
      await lib.page.getByLabel('Import file').setInputFiles(big);
      const alert = lib.library.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('“huge.json” is 50.0 MB: files over 50 MB are not imported.');
      expect(await lib.page.getByRole('dialog').count()).toBe(0);
      expect(await storedIds(s)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports the JSON export back: same papers, tag and note restored', async () => {
    await lib.page.getByLabel('Import file').setInputFiles({ name: 'papershelf-backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    const dialog = lib.dialog('Import “papershelf-backup.json”?');
    await dialog.waitFor();
    const count = (key: string) => dialog.locator(`dd[data-key="${key}"]`).textContent();
    expect(await count('added')).toBe('4');
    expect(await count('updated')).toBe('0');
    expect(await count('unchanged')).toBe('0');
    expect(await count('skipped')).toBe('0');
    expect(await count('invalid')).toBe('0');
    expect(await storedIds(s)).toEqual([]); // a dry run so far
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await lib.page.getByText('Imported from “papershelf-backup.json”: 4 added').waitFor();
    expect(await lib.library.getByRole('alert').count()).toBe(0);

    expect(await storedIds(s)).toEqual(IDS);
    expect(JSON.parse(backup).papers).toEqual(
      JSON.parse(JSON.stringify(await storedPapers(s))).map((p: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1))),
      ),
    );
    await expect.poll(() => lib.rows.count()).toBe(4);
    const details = await lib.openPaper(SPEC2RTL);
    await details.getByRole('list', { name: 'Tags' }).getByText('must-read').waitFor();
    expect(await details.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(NOTE);
    await details.getByRole('button', { name: 'Close details' }).click();
  });

  it('bulk: tag, mark read, export and remove the selection (with a confirmation)', async () => {
    await lib.page.getByRole('checkbox', { name: 'Select all 4 shown' }).check();
    await lib.bulk.getByText('4 selected').waitFor();
    await lib.bulk.getByRole('combobox', { name: 'Tag for selected' }).fill('batch');
    await lib.bulk.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(async () => (await storedPapers(s)).every((p) => p.tags.includes('batch'))).toBe(true);
    await lib.bulk.getByRole('button', { name: 'Mark unread' }).click();
    await expect.poll(async () => (await storedPapers(s)).map((p) => p.read)).toEqual([false, false, false, false]);
    await lib.bulk.getByRole('button', { name: 'Clear selection' }).click();

    await lib.select(ALPHACODE).check();
    await lib.select(SPEC2RTL).check();
    await lib.bulk.getByText('Export selection').click();
    const json = await lib.download(lib.bulk, 'Export JSON');
    expect(JSON.parse(json.text).papers.map((p: { id: string }) => p.id)).toEqual(['2506.13000', '2506.13111']);

    await lib.bulk.getByRole('button', { name: 'Remove…' }).click();
    const dialog = lib.dialog('Remove 2 papers?');
    await dialog.waitFor();
    await lib.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await storedIds(s)).toEqual(IDS);
    await lib.bulk.getByRole('button', { name: 'Remove…' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => storedIds(s)).toEqual(['2506.13037', '2506.13074']);
    await expect.poll(() => lib.rows.count()).toBe(2);
    expect(await lib.bulk.count()).toBe(0);
  });

  it('filters by topic: papers tagged with it at save time and older papers matching its terms', async () => {
    await saveTopics(s, { name: 'Agents', color: '#0f766e', include: ['agent*'] });
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    for (const id of ['2506.13000', '2506.13111']) await saveButton(page, id).click();
    await expect.poll(() => storedIds(s)).toEqual(IDS);
    await page.close();

    await expect.poll(() => lib.rows.count()).toBe(4);
    await lib.filter('Topic').selectOption('Agents');
    const stored = await storedPapers(s);
    const tagged = stored.filter((p) => p.tags.includes('Agents')).map((p) => p.title);
    expect(tagged).toContain(SPEC2RTL);
    // Saved before the topic existed, so not tagged, but their text matches agent*.
    const matching = stored.filter((p) => /\bagent\w*/i.test(`${p.title} ${p.summary ?? ''}`)).map((p) => p.title);
    const expected = [...new Set([...tagged, ...matching])].sort();
    expect(expected.length).toBeGreaterThan(tagged.length);
    await expect.poll(async () => (await lib.titles()).sort()).toEqual(expected);
    await lib.filter('Topic').selectOption('');
  });

  it('has no axe violations: list, details, bulk bar, and the remove dialog', async () => {
    await lib.page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const axe = () =>
      lib.page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run({
          include: [['.ps-panel']],
        });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    await lib.openPaper(SPEC2RTL);
    await lib.select(ALPHACODE).check();
    await lib.bulk.getByText('Export selection').click();
    expect(await axe()).toEqual([]);
    await lib.bulk.getByRole('button', { name: 'Remove…' }).click();
    await lib.dialog('Remove 1 paper?').waitFor();
    expect(await axe()).toEqual([]);
    await lib.page.keyboard.press('Escape');
    await lib.dialog('Remove 1 paper?').waitFor({ state: 'hidden' });
  });
});
