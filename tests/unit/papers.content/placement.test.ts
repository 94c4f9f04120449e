// @vitest-environment jsdom
/** Where a toggle goes, and which elements the page stylesheet turns into containing blocks. */
import { describe, expect, it } from 'vitest';
import { ANCHOR_ATTR, placeHost, spotsFor } from '../../../entrypoints/papers.content/placement';
import { unmarkCard } from '../../../entrypoints/papers.content/marks';
import { HOOK } from '../../../utils/hooks';

function card(withThumb: boolean): { root: HTMLElement; heading: HTMLElement; box?: HTMLElement } {
  document.body.innerHTML = '';
  const root = document.createElement('article');
  const heading = document.createElement('h3');
  heading.textContent = 'A paper';
  let box: HTMLElement | undefined;
  if (withThumb) {
    box = document.createElement('div');
    const a = document.createElement('a');
    a.href = '/papers/2506.13000';
    a.append(document.createElement('img'));
    box.append(a);
    root.append(box);
  }
  root.append(heading);
  document.body.append(root);
  return { root, heading, box };
}

describe('placement', () => {
  it('anchors the thumbnail box of a corner toggle, not the card root', () => {
    const { root, heading, box } = card(true);
    const spots = spotsFor(root, '2506.13000', heading, false);
    expect(spots.map((s) => s.kind)).toEqual(['corner', 'bottom']);
    const host = document.createElement('span');
    placeHost(host, spots[0]!);
    expect(host.parentElement).toBe(box);
    expect(host.style.position).toBe('absolute');
    expect(box!.hasAttribute(ANCHOR_ATTR)).toBe(true);
    expect(root.hasAttribute(ANCHOR_ATTR)).toBe(false);
  });

  it('anchors the card root of a bottom toggle (a card with no thumbnail)', () => {
    const { root, heading } = card(false);
    const spots = spotsFor(root, '2506.13000', heading, false);
    expect(spots).toEqual([{ el: root, kind: 'bottom' }]);
    const host = document.createElement('span');
    placeHost(host, spots[0]!);
    expect(host.parentElement).toBe(root);
    expect(root.hasAttribute(ANCHOR_ATTR)).toBe(true);
  });

  it('anchors nothing for an inline toggle (paper pages, arXiv entries)', () => {
    const { root, heading } = card(false);
    const host = document.createElement('span');
    placeHost(host, spotsFor(root, '2506.13000', heading, true)[0]!);
    expect(host.parentElement).toBe(heading);
    expect(document.querySelectorAll(`[${ANCHOR_ATTR}]`)).toHaveLength(0);
  });

  it('unmarkCard removes the anchor from the root and from inside it', () => {
    const { root, heading, box } = card(true);
    root.setAttribute(HOOK.id, '2506.13000');
    root.setAttribute(ANCHOR_ATTR, '');
    box!.setAttribute(ANCHOR_ATTR, '');
    void heading;
    unmarkCard(root);
    expect(root.hasAttribute(HOOK.id)).toBe(false);
    expect(document.querySelectorAll(`[${ANCHOR_ATTR}]`)).toHaveLength(0);
  });
});
