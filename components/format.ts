/** Small display helpers shared by the popup and the library. */

export function shortAuthors(authors: string[]): string {
  if (!authors.length) return '';
  if (authors.length <= 3) return authors.join(', ');
  return `${authors[0]} et al.`;
}

export function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
