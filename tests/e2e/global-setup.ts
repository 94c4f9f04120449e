import { execFileSync } from 'node:child_process';

/** Build the Chrome extension once for the whole e2e run. */
export default function setup() {
  if (process.env.PAPERSHELF_SKIP_BUILD) return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
}
