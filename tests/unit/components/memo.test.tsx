// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { memo } from '../../../components/memo';

describe('memo', () => {
  it('re-renders only when a prop changes', () => {
    let renders = 0;
    const Row = memo(({ label, n }: { label: string; n: number }) => {
      renders++;
      return <span>{`${label}:${n}`}</span>;
    });
    const root = document.createElement('div');
    act(() => render(<Row label="a" n={1} />, root));
    act(() => render(<Row label="a" n={1} />, root));
    expect(renders).toBe(1);
    act(() => render(<Row label="a" n={2} />, root));
    expect(renders).toBe(2);
    expect(root.textContent).toBe('a:2');
  });
});
