/** Library changes from the papers panel, chunked to the background's per-message id limit. */
import { MAX_IDS, send, type Req } from '@/utils/protocol/messages';
import type { Paper } from '@/utils/types';

export { downloadBackup } from '@/components/download';
export { errorText } from '@/utils/errors';

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) out.push(ids.slice(i, i + MAX_IDS));
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


/** "1 paper", "2 papers". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
