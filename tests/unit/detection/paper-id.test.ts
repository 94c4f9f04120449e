import { describe, expect, it } from 'vitest';
import { normaliseId, paperIdFromUrl, paperRefFromUrl, parseArxivId } from '../../../utils/detection/paper-id';

describe('paperIdFromUrl', () => {
  it.each([
    ['/papers/2506.13000', '2506.13000'],
    ['/papers/2506.13000#community', '2506.13000'],
    ['/papers/2506.13000?utm=x', '2506.13000'],
    ['https://huggingface.co/papers/2506.13000', '2506.13000'],
    ['https://huggingface.co/papers/2506.13000v3', '2506.13000'],
    ['https://huggingface.co/papers/1501.0001', '1501.0001'],
    ['https://arxiv.org/abs/2506.13000v2', '2506.13000'],
    ['https://arxiv.org/pdf/2506.13000.pdf', '2506.13000'],
    ['https://arxiv.org/pdf/2506.13000v1', '2506.13000'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136v1', 'math.GT/0309136'],
    ['https://www.alphaxiv.org/abs/2506.13000', '2506.13000'],
    ['https://www.alphaxiv.org/overview/2506.13000', '2506.13000'],
  ])('%s → %s', (url, id) => {
    expect(paperIdFromUrl(url)).toBe(id);
  });

  it.each([
    '/papers',
    '/papers/trending',
    '/papers/date/2025-06-26',
    '/papers/week/2025-W26',
    '/papers/month/2025-06',
    '/meta-llama',
    '/models/2506.13000',
    'https://example.com/papers/2506.13000',
    'https://huggingface.co/papers/123.456',
    'javascript:alert(1)',
    'http://[bad',
  ])('%s → null', (url) => {
    expect(paperIdFromUrl(url)).toBeNull();
  });

  // Relative `/papers/…` hrefs take a fast path without URL parsing; it must agree with the URL path.
  it.each([
    '/papers/2506.13000', '/papers/2506.13000v2', '/papers/2506.13000/', '/papers/2506.13000#x', '/papers/2506.13000?a=1#b',
    '/papers/2506.13000/discussion', '/papers/hep-th%2F9901001', '/papers/%32506.13000', '/papers/', '/papers/trending?x',
    '/papers/2506.13000 ', '/papers/arXiv:2506.13000', '/papers//2506.13000',
  ])('fast path for %s agrees with URL parsing', (href) => {
    expect(paperIdFromUrl(href)).toBe(paperIdFromUrl(`https://huggingface.co${href}`));
  });
});

describe('normaliseId', () => {
  it('accepts new and old ids, strips versions and the arXiv: prefix', () => {
    expect(normaliseId('2506.13000')).toBe('2506.13000');
    expect(normaliseId(' arXiv:2506.13000v12 ')).toBe('2506.13000');
    expect(normaliseId('0704.0001')).toBe('0704.0001');
    expect(normaliseId('cond-mat/0207270')).toBe('cond-mat/0207270');
  });
  it('rejects non-ids', () => {
    for (const s of ['', '2506', '2506.1', 'abc.defgh', '<script>', '2506.13000/../x', '__proto__']) {
      expect(normaliseId(s)).toBeNull();
    }
  });
});

describe('versions', () => {
  it.each([
    ['2506.13000v2', { id: '2506.13000', version: 2 }],
    ['2506.13000', { id: '2506.13000' }],
    ['arXiv:2506.13000v11', { id: '2506.13000', version: 11 }],
    ['hep-th/9901001v3', { id: 'hep-th/9901001', version: 3 }],
    ['2506.13000v', null],
    ['v2', null],
  ])('parseArxivId(%s)', (raw, ref) => {
    expect(parseArxivId(raw)).toEqual(ref);
  });

  it.each([
    ['https://arxiv.org/abs/2506.13000v2', { id: '2506.13000', version: 2 }],
    ['https://arxiv.org/pdf/2506.13000v1.pdf', { id: '2506.13000', version: 1 }],
    ['https://arxiv.org/abs/2506.13000', { id: '2506.13000' }],
    ['https://www.alphaxiv.org/overview/2506.13000v4', { id: '2506.13000', version: 4 }],
    ['https://huggingface.co/papers/2506.13000v3#community', { id: '2506.13000', version: 3 }],
    ['https://arxiv.org/abs/hep-th/9901001v1', { id: 'hep-th/9901001', version: 1 }],
    ['https://arxiv.org/abs/nope', null],
  ])('paperRefFromUrl(%s)', (url, ref) => {
    expect(paperRefFromUrl(url)).toEqual(ref);
  });
});
