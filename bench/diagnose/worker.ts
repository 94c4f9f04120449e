/**
 * CPU profiles of the extension's service worker (Playwright gives no DevTools session for it):
 * the bench's Chromium listens on a local remote-debugging port, and this talks to the worker's
 * target over a WebSocket (Node 22's global one).
 */
import { createServer } from 'node:net';
import type { RawMap } from '../sourcemap';
import { selfTimeBySource, type CpuProfile } from './profile';

/** A free local TCP port for --remote-debugging-port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

class Cdp {
  private next = 1;
  private pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  private constructor(private ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id!);
      if (msg.error) p.fail(new Error(msg.error.message));
      else p.ok(msg.result);
    });
  }

  static async open(url: string): Promise<Cdp> {
    const ws = new WebSocket(url);
    await new Promise((ok, fail) => {
      ws.addEventListener('open', ok, { once: true });
      ws.addEventListener('error', () => fail(new Error(`cannot connect to ${url}`)), { once: true });
    });
    return new Cdp(ws);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((ok, fail) => this.pending.set(id, { ok: ok as (v: unknown) => void, fail }));
  }

  close(): void {
    this.ws.close();
  }
}

/** Self time in the background script while `action` runs, by source file and function. */
export async function profileWorker(port: number, extensionId: string, map: RawMap, action: () => Promise<unknown>) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl?: string }>;
  const sw = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!sw?.webSocketDebuggerUrl) throw new Error('the service worker is not among the DevTools targets');
  const cdp = await Cdp.open(sw.webSocketDebuggerUrl);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const t = performance.now();
    await action();
    const wallMs = Math.round(performance.now() - t);
    const { profile } = await cdp.send<{ profile: CpuProfile }>('Profiler.stop');
    return { wallMs, ...selfTimeBySource(profile, 'shared.js', map) };
  } finally {
    cdp.close();
  }
}
