/**
 * `memo` without preact/compat (which would add ~7 kB to the library bundle for one function):
 * re-render only when a prop changed (shallow comparison), like React.memo.
 */
import { Component, h, type FunctionComponent } from 'preact';

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P) {
      return !shallowEqual(this.props as Record<string, unknown>, next as Record<string, unknown>);
    }
    render() {
      return h(render, this.props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName = `Memo(${render.displayName ?? render.name})`;
  return Memo as unknown as FunctionComponent<P>;
}
