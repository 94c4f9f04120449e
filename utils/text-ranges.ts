/**
 * Map offsets in an element's collapsed text (textContent with whitespace runs folded to one
 * space and trimmed, as detection reads it) back to DOM Ranges, for the CSS Custom Highlight API.
 */

/** The characters `\s` matches, without running a regex per character. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Ranges for [start, end) spans of `collapse(el.textContent)`. Spans that cannot be mapped are skipped. */
export function rangesFor(el: Element, spans: Array<{ start: number; end: number }>, doc: Document = el.ownerDocument): Range[] {
  if (!spans.length) return [];
  // Walk text nodes, recording for each collapsed-string offset the (node, offset) it came from.
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = 0;
  let pendingSpace = false;
  const nodeAt: Text[] = [];
  const offAt: number[] = [];
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const t = n.data;
    for (let i = 0; i < t.length; i++) {
      if (isSpace(t.charCodeAt(i))) {
        if (out > 0) pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        nodeAt[out] = n;
        offAt[out] = i; // the space maps onto the next kept character's position
        out++;
        pendingSpace = false;
      }
      nodeAt[out] = n;
      offAt[out] = i;
      out++;
    }
  }
  const ranges: Range[] = [];
  for (const { start, end } of spans) {
    if (start < 0 || end > out || start >= end) continue;
    const r = doc.createRange();
    r.setStart(nodeAt[start]!, offAt[start]!);
    r.setEnd(nodeAt[end - 1]!, offAt[end - 1]! + 1);
    ranges.push(r);
  }
  return ranges;
}
