import { execFileSync } from 'node:child_process';

/** Build the Chrome extension once for the whole e2e run. */
export default function setup() {
  if (process.env.PAPERSHELF_SKIP_BUILD) return;
  // Vitest sets NODE_ENV=test, which would switch Preact to its dev runtime: test what ships.
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
