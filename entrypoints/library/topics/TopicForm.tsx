/**
 * Create or edit one topic. Validates as you type (errors beside each field, naming the bad term);
 * the background's refusal (e.g. a duplicate name) is shown as an alert. The form keeps everything
 * typed until the topic is saved or the user cancels.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/protocol/messages';
import type { Topic } from '@/utils/types';
import { draftToInput, errorText, fieldErrors, hasErrors, type Draft, type Field } from './draft';
import { describedBy, ErrorList } from './ErrorList';
import { SyntaxHelp } from './SyntaxHelp';
import { TermField } from './TermField';

interface Props {
  initial: Draft;
  /** The name the topic had when editing started (for the heading). */
  title: string;
  onSaved(topic: Topic): void;
  onCancel(): void;
}

export function TopicForm({ initial, title, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  // A field shows its errors once it was changed, or after a save attempt; terms as typed.
  const [touched, setTouched] = useState<ReadonlySet<Field>>(() => new Set(initial.include ? ['include'] : []));
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const refs = {
    name: useRef<HTMLInputElement>(null),
    include: useRef<HTMLTextAreaElement>(null),
    exclude: useRef<HTMLTextAreaElement>(null),
  };

  // Opening the form takes the user to it (the autofocus attribute is ignored once a page had focus).
  useEffect(() => refs.name.current?.focus(), []);

  const errors = useMemo(() => fieldErrors(draft), [draft]);
  const shown = (f: Field) => (submitted || touched.has(f) ? errors[f] : []);

  function change<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerError(null);
    if (key === 'name' || key === 'include' || key === 'exclude') setTouched((t) => new Set([...t, key as Field]));
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    if (hasErrors(errors)) {
      const first = (['name', 'include', 'exclude'] as const).find((f) => errors[f].length);
      if (first) refs[first].current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await send('saveTopic', { topic: draftToInput(draft) }));
    } catch (err) {
      setServerError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const nameErrors = shown('name');
  return (
    <form class="topic-form" aria-labelledby={`${id}-title`} noValidate onSubmit={submit}>
      <h3 id={`${id}-title`}>{draft.id ? `Edit topic “${title}”` : 'New topic'}</h3>
      <div class="form-row">
        <div class="field name">
          <label for={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            ref={refs.name}
            type="text"
            value={draft.name}
            autoComplete="off"
            aria-invalid={nameErrors.length > 0}
            aria-describedby={describedBy(undefined, `${id}-name-errors`, nameErrors)}
            onInput={(e) => change('name', e.currentTarget.value)}
            onBlur={() => draft.name && setTouched((t) => new Set([...t, 'name']))}
          />
          <ErrorList id={`${id}-name-errors`} errors={nameErrors} />
        </div>
        <div class="field color">
          <label for={`${id}-color`}>Colour</label>
          <input id={`${id}-color`} type="color" value={draft.color} onInput={(e) => change('color', e.currentTarget.value)} />
        </div>
        <label class="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => change('enabled', e.currentTarget.checked)} />
          Enabled
        </label>
      </div>
      <div class="terms">
        <TermField
          label="Include"
          hint="One term per line. A paper gets the topic when any of them matches."
          rows={7}
          value={draft.include}
          errors={shown('include')}
          inputRef={refs.include}
          onInput={(v) => change('include', v)}
        />
        <TermField
          label="Exclude"
          hint="One term per line. A paper matching any of them never gets the topic."
          rows={7}
          value={draft.exclude}
          errors={shown('exclude')}
          inputRef={refs.exclude}
          onInput={(v) => change('exclude', v)}
        />
      </div>
      {serverError && (
        <p role="alert" class="error server-error">
          Not saved: {serverError}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save topic
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <SyntaxHelp id={`${id}-syntax`} />
    </form>
  );
}
