/**
 * A fake Hugging Face Hub for tests: the endpoints Papershelf calls (utils/library-sync/hub.ts),
 * with real compare-and-swap on the head of main (a commit whose parentCommit is not the head is
 * refused with 412, as the Hub does). Used as `fetch` in unit tests and behind `context.route` in e2e.
 */
export interface FakeUser {
  name: string;
  role: 'read' | 'write' | 'fineGrained';
}

export interface FakeRepo {
  private: boolean;
  owner: string;
  head: string;
  files: Map<string, string>;
  commits: Array<{ oid: string; parent: string; summary: string }>;
}

export interface FakeResponse {
  status: number;
  contentType: string;
  body: string;
}

let counter = 0;
const oid = () => (++counter).toString(16).padStart(8, '0') + 'f'.repeat(32);

export class FakeHub {
  users = new Map<string, FakeUser>();
  repos = new Map<string, FakeRepo>();
  /** Every request, method and path (never the token). */
  log: string[] = [];
  /** Called before a commit is checked: lets a test move the branch "at the same moment". */
  beforeCommit?: (repo: string) => void;

  addUser(token: string, user: FakeUser): this {
    this.users.set(token, user);
    return this;
  }

  addRepo(id: string, opts: { private?: boolean } = {}): FakeRepo {
    const repo: FakeRepo = { private: opts.private ?? true, owner: id.split('/')[0]!, head: oid(), files: new Map([['.gitattributes', '']]), commits: [] };
    this.repos.set(id, repo);
    this.snapshots.set(repo.head, repo.files);
    return repo;
  }

  /** Commit a file directly (another device), moving the head. */
  push(id: string, file: string, content: string): string {
    const repo = this.repos.get(id)!;
    const next = oid();
    repo.commits.push({ oid: next, parent: repo.head, summary: 'other device' });
    repo.files = new Map(repo.files).set(file, content);
    repo.head = next;
    this.snapshots.set(next, repo.files);
    return next;
  }

  handle(method: string, url: string, headers: Record<string, string>, body: string): FakeResponse {
    const u = new URL(url);
    this.log.push(`${method} ${u.pathname}`);
    const json = (status: number, value: unknown): FakeResponse => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
    if (u.origin !== 'https://huggingface.co') return json(404, { error: 'wrong host' });
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const user = this.users.get(auth.replace(/^Bearer /, ''));
    if (!user) return json(401, { error: 'Invalid credentials in Authorization header' });
    const canWrite = user.role !== 'read';
    const p = u.pathname;
    if (method === 'GET' && p === '/api/whoami-v2') return json(200, { type: 'user', name: user.name, auth: { accessToken: { displayName: 'test', role: user.role } } });
    if (method === 'POST' && p === '/api/repos/create') {
      const req = JSON.parse(body) as { type?: string; name?: string; private?: boolean };
      if (!canWrite) return json(403, { error: 'You don\'t have the rights to create a dataset' });
      if (req.type !== 'dataset' || !req.name) return json(400, { error: 'bad request' });
      const id = `${user.name}/${req.name}`;
      if (this.repos.has(id)) return json(409, { error: 'You already created this dataset repo', url: `https://huggingface.co/datasets/${id}` });
      this.addRepo(id, { private: req.private === true });
      return json(200, { url: `https://huggingface.co/datasets/${id}`, name: id });
    }
    let m = /^\/api\/datasets\/([^/]+\/[^/]+)$/.exec(p);
    if (method === 'GET' && m) {
      const id = decodeURIComponent(m[1]!);
      const repo = this.repos.get(id);
      if (!repo || (repo.private && repo.owner !== user.name)) return json(404, { error: 'Repository not found' });
      return json(200, { id, private: repo.private, sha: repo.head });
    }
    m = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(p);
    if (method === 'GET' && m) {
      const repo = this.repos.get(decodeURIComponent(m[1]!));
      if (!repo || (repo.private && repo.owner !== user.name)) return json(404, { error: 'Repository not found' });
      const files = m[2] === repo.head ? repo.files : this.filesAt(repo, m[2]!);
      const text = files?.get(decodeURIComponent(m[3]!));
      if (text === undefined) return json(404, { error: 'Entry not found' });
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: text };
    }
    m = /^\/api\/datasets\/([^/]+\/[^/]+)\/commit\/main$/.exec(p);
    if (method === 'POST' && m) {
      const id = decodeURIComponent(m[1]!);
      const repo = this.repos.get(id);
      if (!repo) return json(404, { error: 'Repository not found' });
      if (!canWrite || repo.owner !== user.name) return json(403, { error: 'You don\'t have the rights to push to this repo' });
      this.beforeCommit?.(id);
      const lines = body.split('\n').map((l) => JSON.parse(l) as { key: string; value: Record<string, string> });
      const header = lines.find((l) => l.key === 'header')?.value;
      if (!header?.summary) return json(400, { error: 'missing summary' });
      if (header.parentCommit && header.parentCommit !== repo.head)
        return json(412, { error: 'A commit has happened since. Please refresh and try again.' });
      const files = new Map(repo.files);
      for (const l of lines.filter((x) => x.key === 'file')) {
        if (l.value.encoding !== 'base64') return json(400, { error: 'unsupported encoding' });
        files.set(l.value.path!, new TextDecoder().decode(Uint8Array.from(atob(l.value.content!), (c) => c.charCodeAt(0))));
      }
      const next = oid();
      repo.commits.push({ oid: next, parent: repo.head, summary: header.summary });
      repo.files = files;
      repo.head = next;
      this.snapshots.set(next, files);
      return json(200, { success: true, commitOid: next, commitUrl: `https://huggingface.co/datasets/${id}/commit/${next}` });
    }
    return json(404, { error: `no route ${method} ${p}` });
  }

  private snapshots = new Map<string, Map<string, string>>();
  private filesAt(_repo: FakeRepo, sha: string) {
    return this.snapshots.get(sha);
  }

  /** A `fetch` served by this fake. */
  fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const r = this.handle(init?.method ?? 'GET', url, headers, typeof init?.body === 'string' ? init.body : '');
    return new Response(r.body, { status: r.status, headers: { 'Content-Type': r.contentType } });
  };
}
