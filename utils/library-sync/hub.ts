/**
 * The few documented Hugging Face Hub HTTP endpoints Papershelf calls, all on https://huggingface.co
 * (no LFS or Xet upload hosts: the library file is small enough for a regular commit):
 *   GET  /api/whoami-v2                                  who the token belongs to, and its role
 *   POST /api/repos/create                               {type:"dataset", name, private:true}
 *   GET  /api/datasets/<repo>                            private? and the head commit (`sha`)
 *   GET  /datasets/<repo>/resolve/<sha>/<file>           the library file at that commit
 *   POST /api/datasets/<repo>/commit/main                NDJSON: header (summary, parentCommit), one file (base64)
 * A commit whose `parentCommit` is no longer the head of main is refused with HTTP 412 ("A commit
 * has happened since"): the caller pulls, merges and pushes again. The token goes in an
 * Authorization header to huggingface.co only; it is never put in a URL, logged or shown.
 * Used by the background worker only.
 */
export const HUB_URL = 'https://huggingface.co';

export type HubErrorKind = 'token' | 'forbidden' | 'notFound' | 'conflict' | 'offline' | 'server' | 'invalid';

export class HubError extends Error {
  constructor(
    readonly kind: HubErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface WhoAmI {
  name: string;
  /** "read", "write" or "fineGrained" (then the commit itself says whether it may write). */
  role?: string;
}

export interface RepoInfo {
  private: boolean;
  /** Head commit of main. */
  sha: string;
}

export interface HubClient {
  whoami(): Promise<WhoAmI>;
  repoInfo(repo: string): Promise<RepoInfo | null>;
  createRepo(name: string): Promise<void>;
  /** The file's text at `sha`, or null when the file does not exist there. */
  download(repo: string, sha: string, path: string): Promise<string | null>;
  /** Commit one file on main on top of `parentCommit`; returns the new commit's id. */
  commit(repo: string, parentCommit: string, path: string, content: string, summary: string): Promise<string>;
}

const REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;
export const isRepoId = (s: string) => REPO_ID.test(s) && !s.includes('..');

/** UTF-8 text to base64, in slices (a 4 MB library would overflow String.fromCharCode's arguments). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function hubClient(token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): HubClient {
  const path = (repo: string) => {
    if (!isRepoId(repo)) throw new HubError('invalid', `"${repo}" is not a repository name like "username/papershelf-library".`);
    return repo.split('/').map(encodeURIComponent).join('/');
  };

  async function call(url: string, init: RequestInit = {}, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(HUB_URL + url, {
        ...init,
        credentials: 'omit',
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
      });
    } catch {
      throw new HubError('offline', 'offline; will retry');
    }
    if (res.ok) return res;
    if (res.status === 401) throw new HubError('token', 'token expired or not valid', 401);
    if (res.status === 403) throw new HubError('forbidden', `no write access to ${what}`, 403);
    if (res.status === 404) throw new HubError('notFound', `${what} not found`, 404);
    if (res.status === 412 || res.status === 409) throw new HubError('conflict', `${what} changed meanwhile`, res.status);
    if (res.status === 429) throw new HubError('server', 'the Hub asks to slow down; will retry', 429);
    throw new HubError('server', `the Hub answered HTTP ${res.status}; will retry`, res.status);
  }

  return {
    async whoami() {
      const json = (await (await call('/api/whoami-v2', {}, 'your account')).json()) as {
        name?: unknown;
        auth?: { accessToken?: { role?: unknown } };
      };
      if (typeof json.name !== 'string') throw new HubError('invalid', 'the Hub did not say whose token this is');
      const role = json.auth?.accessToken?.role;
      return { name: json.name, role: typeof role === 'string' ? role : undefined };
    },

    async repoInfo(repo) {
      try {
        const json = (await (await call(`/api/datasets/${path(repo)}`, {}, repo)).json()) as { private?: unknown; sha?: unknown };
        if (typeof json.sha !== 'string') throw new HubError('invalid', `the Hub gave no head commit for ${repo}`);
        return { private: json.private === true, sha: json.sha };
      } catch (err) {
        if (err instanceof HubError && err.kind === 'notFound') return null;
        throw err;
      }
    },

    async createRepo(name) {
      try {
        await call(
          '/api/repos/create',
          { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'dataset', name, private: true }) },
          name,
        );
      } catch (err) {
        // 409: it exists already (created by another device meanwhile): use it.
        if (!(err instanceof HubError && err.status === 409)) throw err;
      }
    },

    async download(repo, sha, file) {
      try {
        const res = await call(`/datasets/${path(repo)}/resolve/${encodeURIComponent(sha)}/${encodeURIComponent(file)}`, {}, repo);
        return await res.text();
      } catch (err) {
        if (err instanceof HubError && err.kind === 'notFound') return null;
        throw err;
      }
    },

    async commit(repo, parentCommit, file, content, summary) {
      const body = [
        { key: 'header', value: { summary, description: '', parentCommit } },
        { key: 'file', value: { path: file, encoding: 'base64', content: base64Utf8(content) } },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n');
      const res = await call(
        `/api/datasets/${path(repo)}/commit/main`,
        { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body },
        repo,
      );
      const json = (await res.json()) as { commitOid?: unknown };
      if (typeof json.commitOid !== 'string') throw new HubError('invalid', 'the Hub did not return the new commit');
      return json.commitOid;
    },
  };
}
