/** A labelled textarea of terms, one per line, with its hint and its errors. */
import { useId } from 'preact/hooks';
import type { Ref } from 'preact';
import { describedBy, ErrorList } from './ErrorList';

interface Props {
  label: string;
  hint: string;
  value: string;
  errors: string[];
  rows: number;
  inputRef?: Ref<HTMLTextAreaElement>;
  onInput(value: string): void;
}

export function TermField({ label, hint, value, errors, rows, inputRef, onInput }: Props) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        ref={inputRef}
        rows={rows}
        value={value}
        spellcheck={false}
        autocapitalize="off"
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(`${id}-hint`, `${id}-errors`, errors)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}
