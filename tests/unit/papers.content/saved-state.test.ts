/**
 * The saved-state rule on its own (no DOM): a state applies only if its seq is newer than the one
 * held. Each row is a sequence of what a tab hears, in arrival order, and what its toggle shows after.
 */
import { describe, expect, it } from 'vitest';
import { applyState, GUESS, savedOf, watch, type SavedStates } from '../../../entrypoints/papers.content/saved-state';

type Heard = [what: string, saved: boolean, seq: number];

const ID = '2506.13000';

/** Watch ID (its lookup is sent), then apply each state in arrival order; the shown state after each. */
function replay(heard: Heard[]): Array<boolean | undefined> {
  const s: SavedStates = new Map();
  watch(s, [ID]);
  return heard.map(([, saved, seq]) => (applyState(s, ID, saved, seq), savedOf(s, ID)));
}

describe('applyState: the newest state per paper by seq', () => {
  const rows: Array<{ name: string; heard: Heard[]; shown: Array<boolean | undefined> }> = [
    {
      name: 'save reply before its own event (the saving tab hears both): applied once, stays saved',
      heard: [['lookup', false, 100], ['save reply', true, 105], ['save event', true, 105]],
      shown: [false, true, true],
    },
    {
      name: 'save event before its own reply',
      heard: [['lookup', false, 100], ['save event', true, 105], ['save reply', true, 105]],
      shown: [false, true, true],
    },
    {
      name: 'duplicate event: the second is not newer, nothing changes',
      heard: [['lookup', true, 100], ['unsave event', false, 110], ['unsave event', false, 110]],
      shown: [true, false, false],
    },
    {
      name: 'reply overtaken by another tab\'s unsave: the newer unsave wins whatever the arrival order',
      heard: [['lookup', false, 100], ['other tab unsave event', false, 107], ['save reply', true, 105], ['save event', true, 105]],
      shown: [false, false, false, false],
    },
    {
      name: 'overtaken lookup: read before a save, answered after it, does not undo it',
      heard: [['lookup', false, 100], ['save reply', true, 105], ['re-check lookup (read at 103)', false, 103]],
      shown: [false, true, true],
    },
    {
      name: 'first lookup still out when another tab saves: the event wins over the older reply',
      heard: [['save event', true, 105], ['lookup (read at 100)', false, 100]],
      shown: [true, true],
    },
    {
      name: 'lost lookup reply: shown as not saved (a guess), and any real state replaces the guess',
      heard: [['lookup failed', false, GUESS], ['save event', true, 105]],
      shown: [false, true],
    },
    {
      name: 'lost save reply: the lookup that follows tells what the library holds',
      heard: [['lookup', false, 100], ['lookup after the lost save (read at 106)', true, 106], ['save event', true, 105]],
      shown: [false, true, true],
    },
    {
      name: 'a guess never replaces a real state',
      heard: [['lookup', true, 100], ['lookup failed', false, GUESS]],
      shown: [true, true],
    },
    {
      name: 'a lookup read after the change it reports (same seq as that event) keeps its answer',
      heard: [['lookup', false, 105], ['save event', true, 105]],
      shown: [false, false],
    },
  ];
  for (const { name, heard, shown } of rows) it(name, () => expect(replay(heard)).toEqual(shown));

  it('answers nothing before any state, and ignores ids it does not watch (events about other papers)', () => {
    const s: SavedStates = new Map();
    expect(savedOf(s, ID)).toBeUndefined();
    expect(applyState(s, ID, true, 5)).toBe(false);
    expect(s.has(ID)).toBe(false);
    watch(s, [ID, ID, '2506.13037']);
    expect(s.has(ID)).toBe(true);
    expect(savedOf(s, ID)).toBeUndefined(); // asked, not answered
    expect(applyState(s, ID, true, 5)).toBe(true);
    expect(applyState(s, ID, true, 5)).toBe(false); // not newer
    watch(s, [ID]); // watching again keeps the state
    expect(savedOf(s, ID)).toBe(true);
    expect([...s.keys()]).toEqual([ID, '2506.13037']);
  });
});
