import { describe, expect, it } from 'vitest';
import { parseCount } from '../../../utils/detection/card-extract';

describe('parseCount (upvote counts as the site prints them)', () => {
  it.each([
    ['-', 0],
    [' - ', 0],
    ['0', 0],
    ['12', 12],
    ['156', 156],
    ['1.5k', 1500],
    ['1.52k', 1520],
    ['1.52K', 1520],
    ['12k', 12000],
    ['2.1M', 2100000],
    ['1,234', 1234],
    [' 87\n', 87],
  ] as const)('%j → %d', (s, n) => {
    expect(parseCount(s)).toBe(n);
  });

  it.each(['', 'Upvote', 'k', '1.2.3', '12 upvotes', '-5', 'NaN', 'Infinity', '1e3', '0x10'])('%j → undefined', (s) => {
    expect(parseCount(s)).toBeUndefined();
  });
});
