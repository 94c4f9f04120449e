/**
 * What must not grow with the library: a save (10 vs 10,000 saved) and the popup's first render
 * (100 vs 10,000 saved). The small library lives in a second browser with a fresh profile (a
 * database that once held 10,000 records stays slower for a while after they are deleted), and
 * samples alternate between the two browsers so machine noise hits both.
 */
import type { Session } from '../../tests/e2e/harness';
import type { CardInfo, Paper } from '../../utils/types';
import type { Driver } from '../extension';
import { freshId } from '../generate';
import { median, rounded } from '../stats';
import type { Row } from '../report';
import { timePopup } from './popup';
import { timeSaves } from './save';

const SETTLE_MS = 1000;

export interface SizeOptions {
  rounds: number;
  savesPerRound: number;
  popupsPerRound: number;
  small: { save: number; popup: number };
  large: number;
}

export interface Browser {
  s: Session;
  d: Driver;
}

/** Cards as the content script sends them (id, title, abstract, authors, organization). */
function cards(lib: Paper[], round: number, n: number, offset: number): CardInfo[] {
  return Array.from({ length: n }, (_, i) => {
    const p = lib[(round * 97 + i) % lib.length]!;
    const card: CardInfo = { id: freshId(offset + round * 100 + i), title: p.title, authors: p.authors };
    if (p.summary) card.abstract = p.summary;
    if (p.organization) card.organization = p.organization;
    return card;
  });
}

export async function measureBySize(large: Browser, small: Browser, lib: Paper[], o: SizeOptions): Promise<Row[]> {
  const save = { small: [] as number[], large: [] as number[] };
  const popup = { small: [] as number[], large: [] as number[] };

  await Promise.all([small.d.ensure(o.small.save), large.d.ensure(o.large)]);
  await large.d.page.waitForTimeout(SETTLE_MS);
  for (let r = 0; r < o.rounds; r++) {
    const a = async () => save.small.push(...(await timeSaves(small.d, cards(lib, r, o.savesPerRound, 0))));
    const b = async () => save.large.push(...(await timeSaves(large.d, cards(lib, r, o.savesPerRound, 5000))));
    if (r % 2 === 0) await a().then(b);
    else await b().then(a);
  }

  await small.d.ensure(o.small.popup);
  await Promise.all([timePopup(small.s), timePopup(large.s)]); // warm-up: first popup of each browser
  await large.d.page.waitForTimeout(SETTLE_MS);
  for (let i = 0; i < o.rounds * o.popupsPerRound; i++) {
    if (i % 2 === 0) {
      popup.small.push(await timePopup(small.s));
      popup.large.push(await timePopup(large.s));
    } else {
      popup.large.push(await timePopup(large.s));
      popup.small.push(await timePopup(small.s));
    }
  }

  const n = (x: number) => x.toLocaleString('en-US');
  const saveRatio = median(save.large) / median(save.small);
  const popupRatio = median(popup.large) / median(popup.small);
  return [
    {
      measure: `save one paper with ${n(o.large)} saved`,
      value: median(save.large),
      unit: 'ms',
      reference: { label: `save with ${n(o.small.save)} saved`, value: median(save.small), unit: 'ms' },
      ratio: saveRatio,
      target: '≤ 1.2×',
      pass: saveRatio <= 1.2,
      details: {
        largeMs: rounded(save.large),
        smallMs: rounded(save.small),
        note: `save round-trip from an extension page (card with title, abstract, authors), ${o.savesPerRound} in a row per browser and round, 150 ms apart; the HF API answers so enrichment succeeds; removed afterwards, untimed. Small library in a second browser with a fresh profile.`,
      },
    },
    {
      measure: `popup first render with ${n(o.large)} saved`,
      value: median(popup.large),
      unit: 'ms',
      reference: { label: `with ${n(o.small.popup)} saved`, value: median(popup.small), unit: 'ms' },
      ratio: popupRatio,
      target: '≤ 1.5×',
      pass: popupRatio <= 1.5,
      details: {
        largeMs: rounded(popup.large),
        smallMs: rounded(popup.small),
        note: 'navigation start → first item of the "Saved papers" list in the DOM; alternating between the two browsers',
      },
    },
  ];
}
