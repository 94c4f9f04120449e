/** Parse and normalise arXiv ids from ids and URLs (huggingface.co, arxiv.org, alphaxiv.org). */

const NEW_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

/** "2506.13000v2" → "2506.13000"; "hep-th/9901001" stays; anything else → null. */
export function normaliseId(raw: string): string | null {
  const s = raw.trim().replace(/^arxiv:/i, '');
  const m = NEW_ID.exec(s) ?? OLD_ID.exec(s);
  return m ? m[1]! : null;
}

/** "2506.13000v2" → { id: "2506.13000", version: 2 }; "2506.13000" → { id }; anything else → null. */
export function parseArxivId(raw: string): { id: string; version?: number } | null {
  const s = raw.trim().replace(/^arxiv:/i, '');
  const id = normaliseId(s);
  if (!id) return null;
  const v = /v(\d+)$/.exec(s);
  return v ? { id, version: Number(v[1]) } : { id };
}

/** The id and version a URL points to (see `paperIdFromUrl`), or null. */
export function paperRefFromUrl(url: string, base = 'https://huggingface.co/'): { id: string; version?: number } | null {
  const id = paperIdFromUrl(url, base);
  if (!id) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, base).pathname).replace(/(?:\.pdf)?\/?$/, '');
  } catch {
    return { id };
  }
  const v = /v(\d+)$/.exec(path);
  return v && path.endsWith(`${id}v${v[1]}`) ? { id, version: Number(v[1]) } : { id };
}

export function isArxivId(raw: string): boolean {
  return normaliseId(raw) !== null;
}

const PATHS: RegExp[] = [
  // huggingface.co/papers/<id>
  /^\/papers\/(.+)$/,
  // arxiv.org/abs|pdf|html/<id>[.pdf]
  /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/,
  // alphaxiv.org/abs/<id> or /overview/<id>
  /^\/(?:overview)\/(.+)$/,
];

/** `/papers/<id>` with an optional query or fragment (ignored), and nothing that needs decoding. */
const RELATIVE_PAPER = /^\/papers\/([^/?#%]+)(?:[?#]|$)/;
const HF_BASE = /^https:\/\/(?:www\.)?huggingface\.co\//;

const HOSTS = /(^|\.)(huggingface\.co|hf\.co|arxiv\.org|alphaxiv\.org)$/;

/**
 * The paper id a URL points to, or null. Relative URLs are resolved against `base`
 * (default the HF site). Fragments (`#community`) and query strings are ignored.
 */
export function paperIdFromUrl(url: string, base = 'https://huggingface.co/'): string | null {
  // The common case on the site, without URL parsing (hot path: every link of every card).
  if (url.startsWith('/papers/') && HF_BASE.test(base)) {
    const m = RELATIVE_PAPER.exec(url);
    if (m) return normaliseId(m[1]!);
  }
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    return null;
  }
  if (!HOSTS.test(u.hostname)) return null;
  const path = decodeURIComponent(u.pathname);
  const isHf = /(^|\.)(huggingface\.co|hf\.co)$/.test(u.hostname);
  for (const re of PATHS) {
    const m = re.exec(path);
    if (!m) continue;
    if (isHf && !path.startsWith('/papers/')) return null;
    return normaliseId(m[1]!);
  }
  return null;
}

export const hfPaperUrl = (id: string) => `https://huggingface.co/papers/${id}`;
export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;
export const alphaxivAbsUrl = (id: string) => `https://www.alphaxiv.org/abs/${id}`;
