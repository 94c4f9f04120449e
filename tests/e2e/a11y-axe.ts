/**
 * axe-core in a Playwright page. Extension pages forbid inline scripts (CSP `script-src 'self'`),
 * so `page.addScriptTag` is refused there: the source is evaluated through the DevTools protocol,
 * which CSP does not govern.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string; html: string }>;
}

/** Run axe on the page (or on `context`, an axe context object) and return its violations. */
export async function axeViolations(page: Page, context?: unknown): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (ctx) => {
    const axe = (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  }, context ?? null);
}

/** The serious and critical ones, one line each (for assertion messages). */
export function blocking(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`));
}

/** Every violation, one line each (printed so that minor and moderate ones are seen too). */
export function summarize(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}`);
}
