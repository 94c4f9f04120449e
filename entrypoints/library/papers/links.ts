/** Outbound links for a saved paper. Ids and URLs come from pages and imports: never trusted as-is. */
import type { Paper } from '@/utils/types';

/** "2506.13000" → "2506.13000"; "hep-th/9901001" → "hep-th/9901001", each segment URL-encoded. */
const idPath = (id: string) => id.split('/').map(encodeURIComponent).join('/');

const isHttps = (url: string | undefined): url is string => {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

export interface PaperLink {
  label: string;
  href: string;
}

export function paperLinks(p: Paper): PaperLink[] {
  const hf = p.url?.startsWith('https://huggingface.co/') ? p.url : `https://huggingface.co/papers/${idPath(p.id)}`;
  const links: PaperLink[] = [
    { label: 'Hugging Face', href: hf },
    { label: 'arXiv abstract', href: `https://arxiv.org/abs/${idPath(p.id)}` },
    { label: 'PDF', href: `https://arxiv.org/pdf/${idPath(p.id)}` },
    { label: 'alphaXiv', href: `https://www.alphaxiv.org/abs/${idPath(p.id)}` },
  ];
  if (isHttps(p.githubRepo)) links.push({ label: 'Code', href: p.githubRepo });
  return links;
}
