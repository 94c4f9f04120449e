/** At most `max` lines, then "…and N more" (N written with thousands separators). */
export const capped = (lines: string[], max: number): string[] =>
  lines.length > max ? [...lines.slice(0, max), `…and ${(lines.length - max).toLocaleString('en-US')} more`] : lines;
