/**
 * The input checks of every message (entrypoints/background/input.ts), on their own: one table,
 * one place. The hostile-payload tests through the real listener are in reliability/message-input.
 */
import { describe, expect, it, vi } from 'vitest';
import { checked, INPUT } from '../../../entrypoints/background/input';
import { ACCESS, type MessageType } from '../../../utils/protocol/messages';
import type { Handlers } from '../../../utils/protocol/router';

const NOW = '2026-12-06T08:00:00.000Z';
const check = (type: MessageType, raw: Record<string, unknown>) => INPUT[type](raw, NOW);
const topic = { name: 'Vision', color: '#00ff00', include: ['image'], exclude: [], enabled: true };

describe('INPUT: one check per message', () => {
  it('covers exactly the messages of the protocol', () => {
    expect(Object.keys(INPUT).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it.each<[MessageType, Record<string, unknown>, RegExp]>([
    ['lookup', { ids: '2506.13000' }, /Expected a list of paper ids/],
    ['lookup', { ids: Array.from({ length: 5001 }, () => 'x') }, /Expected a list of paper ids/],
    ['match', { cards: {} }, /Expected at most 5,000 cards/],
    ['save', { card: { id: '<script>', title: 'x' } }, /Not an arXiv paper id/],
    ['unsave', { id: 42 }, /Expected a list of paper ids/],
    ['list', { query: { $regex: '.' } }, /Expected the search as text/],
    ['list', { limit: '50' }, /Expected the limit as a number/],
    ['list', { limit: Number.NaN }, /Expected the limit as a number/],
    ['update', { ids: ['2506.13000'], patch: { read: 'yes' } }, /read as true or false/],
    ['update', { ids: ['2506.13000'], patch: { removeTags: [1] } }, /Expected tags as lists of text/],
    ['update', { ids: 'all', patch: {} }, /Expected a list of paper ids/],
    ['remove', { ids: [null] }, /Expected a list of paper ids/],
    ['saveTopic', { topic: { ...topic, include: ['/(a/'] } }, /Invalid term/],
    ['saveTopic', { topic: { ...topic, name: 7 } }, /The topic needs a name/],
    ['deleteTopic', { id: 7 }, /Expected a topic id/],
    ['deleteTopic', {}, /Expected a topic id/],
    ['reorderTopics', { ids: 't1,t2' }, /Expected a list of paper ids/],
    ['setMode', { mode: 'blink' }, /Unknown display mode "blink"/],
    ['setMode', {}, /Unknown display mode "undefined"/],
    ['importRecords', { papers: [], topics: [] }, /"dryRun" must be true or false/],
    ['importRecords', { papers: {}, topics: [], dryRun: true }, /expected lists of papers and topics/],
  ])('%s %j is refused', (type, raw, message) => {
    expect(() => check(type, raw)).toThrow(message);
  });

  it('gives handlers typed, cleaned input', () => {
    expect(check('lookup', { ids: ['2506.13000'], extra: 1 })).toEqual({ ids: ['2506.13000'] });
    expect(check('unsave', { id: '2506.13000' })).toEqual({ id: '2506.13000' });
    expect(check('save', { card: { id: '2506.13000v2', title: ' T ' } })).toMatchObject({ card: { id: '2506.13000' } });
    expect(check('report', { matching: '3' })).toEqual({ matching: 3 });
    expect(check('report', { matching: -4 })).toEqual({ matching: 0 });
    expect(check('report', {})).toEqual({ matching: 0 });
    expect(check('list', {})).toEqual({ query: undefined, limit: undefined });
    expect(check('setMode', { mode: 'dim' })).toEqual({ mode: 'dim' });
    expect(check('saveTopic', { topic: { ...topic, name: '\u200b Vision \u200f' } })).toEqual({ topic: { ...topic, id: undefined, name: 'Vision' } });
    expect(check('importRecords', { papers: [], topics: [], dryRun: true, lossless: 'yes' })).toEqual({ papers: [], topics: [], seen: [], dryRun: true, lossless: false });
    // Morning triage: seen ids normalised and de-duplicated, switches strictly true/false.
    expect(check('seen', { ids: ['2506.13000v2', '2506.13000', 'nope'] })).toEqual({ ids: ['2506.13000'] });
    expect(() => check('setDimSeen', { on: 'yes' })).toThrow('Expected on: true or false.');
    expect(check('today', { refresh: 1 })).toEqual({ refresh: false });
    expect(check('dump', {})).toEqual({ seen: false });
    expect(check('count', { anything: 1 })).toBeNull();
  });
});

describe('checked: the check runs before the handler', () => {
  it('a refused payload never reaches the handler; an accepted one arrives checked (a non-object payload as {})', async () => {
    const setMode = vi.fn(async () => null);
    const lookup = vi.fn(async () => ({ saved: [], topics: [], mode: 'highlight' as const, seq: 1 }));
    const handlers = checked({ setMode, lookup } as unknown as Handlers, () => NOW);
    await expect(handlers.setMode({ mode: 'x' } as never, { kind: 'extension' })).rejects.toThrow(/Unknown display mode/);
    await expect(handlers.setMode(null as never, { kind: 'extension' })).rejects.toThrow(/Unknown display mode/);
    expect(setMode).not.toHaveBeenCalled();
    await handlers.lookup({ ids: ['2506.13000'], junk: true } as never, { kind: 'content', tabId: 3 });
    expect(lookup).toHaveBeenCalledWith({ ids: ['2506.13000'] }, { kind: 'content', tabId: 3 });
  });
});
