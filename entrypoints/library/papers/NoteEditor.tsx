/** A paper's free-text note: saved when the field loses focus, or with the Save button. */
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  paperId: string;
  note: string;
  onSave: (note: string) => Promise<void>;
}

export function NoteEditor({ paperId, note, onSave }: Props) {
  const [draft, setDraft] = useState(note);
  const [status, setStatus] = useState('');
  const editing = useRef({ id: paperId, dirty: false });
  const latest = useRef(note);
  latest.current = draft;

  // Another paper, or the stored note changed while this one was not being edited.
  useEffect(() => {
    if (editing.current.id !== paperId || !editing.current.dirty) {
      editing.current = { id: paperId, dirty: false };
      setDraft(note);
      setStatus('');
    }
  }, [paperId, note]);

  const save = async () => {
    if (!editing.current.dirty) return;
    const text = draft;
    setStatus('Saving…');
    try {
      await onSave(text);
      // Typing during the save keeps the field dirty: the next blur or Save sends the rest.
      editing.current.dirty = latest.current !== text;
      setStatus('Note saved.');
    } catch {
      setStatus('');
    }
  };

  const dirty = draft !== note;
  return (
    <div class="ps-note">
      <label for="ps-note-text">Note</label>
      <textarea
        id="ps-note-text"
        rows={5}
        value={draft}
        onInput={(e) => {
          editing.current.dirty = true;
          setDraft(e.currentTarget.value);
          setStatus('');
        }}
        onBlur={() => void save()}
      />
      <div class="ps-note-bar">
        <button type="button" disabled={!dirty} onClick={() => void save()}>
          Save note
        </button>
        <span role="status" class="ps-muted">
          {status}
        </span>
      </div>
    </div>
  );
}
