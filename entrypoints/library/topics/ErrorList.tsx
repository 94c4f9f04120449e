/** The errors of one field, referenced by the field's aria-describedby. Renders nothing when valid. */
export function ErrorList({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <ul id={id} class="field-errors">
      {errors.map((e, i) => (
        <li key={`${i}:${e}`}>{e}</li>
      ))}
    </ul>
  );
}

/** aria-describedby for a field: its hint, plus its errors when there are any. */
export const describedBy = (hintId: string | undefined, errorId: string, errors: string[]): string | undefined =>
  [hintId, errors.length ? errorId : undefined].filter(Boolean).join(' ') || undefined;
