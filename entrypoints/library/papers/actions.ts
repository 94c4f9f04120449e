/** Library changes from the papers panel, chunked to the background's per-message id limit. */
import { EXPORTERS, exportFilename } from '@/utils/export';
import { send, type Req } from '@/utils/messages';
import type { Paper } from '@/utils/types';
import { download } from '@/components/download';

/** The background accepts at most 5,000 ids per message. */
const CHUNK = 5000;

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

export async function updatePapers(ids: readonly string[], patch: Req<'update'>['patch']): Promise<Paper[]> {
  const out: Paper[] = [];
  for (const part of chunks(ids)) out.push(...(await send('update', { ids: part, patch })));
  return out;
}

export async function removePapers(ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) await send('remove', { ids: part });
}

/** Download the whole library as a Papershelf JSON backup (and record that a backup was made). */
export async function downloadBackup(): Promise<void> {
  const json = EXPORTERS.find((e) => e.id === 'json')!;
  const { papers, topics } = await send('dump', null);
  const now = new Date();
  download(json.run(papers, topics, now), exportFilename(now, json.ext), json.mime);
  await send('exported', null);
}

/** "Could not …: <reason>" text for an error of any shape. */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "1 paper", "2 papers". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
