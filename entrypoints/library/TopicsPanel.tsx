/**
 * The Topics tab: the topic list (or a first-run screen with examples) and the editor. Every change
 * goes to the background, which pushes the new list here and to every open papers tab.
 * `#topics?term=<term>` (context menu "New topic…") opens a new topic with that term to include.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/protocol/messages';
import type { Topic } from '@/utils/types';
import { draftFromTopic, emptyDraft, errorText, moveId, termFromHash, topicToInput, type Draft } from './topics/draft';
import { EmptyTopics } from './topics/EmptyTopics';
import { ExampleTopics, remainingExamples, type Example } from './topics/ExampleTopics';
import { TopicForm } from './topics/TopicForm';
import { TopicList, type FocusRequest } from './topics/TopicList';
import { useTopics } from './topics/useTopics';
import './topics/topics.css';

interface Editor {
  key: number;
  draft: Draft;
  title: string;
}

export function TopicsPanel() {
  const { topics, loadError, replace } = useTopics();
  const [editor, setEditor] = useState<Editor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const editorKey = useRef(0);
  const latest = useRef<Topic[]>([]);
  const list = topics ?? [];
  latest.current = list;

  const open = useCallback((draft: Draft, title = '') => {
    opener.current = document.activeElement;
    setEditor({ key: ++editorKey.current, draft, title });
    setStatus('');
  }, []);

  const close = () => {
    setEditor(null);
    const back = opener.current;
    requestAnimationFrame(() => (back instanceof HTMLElement && back.isConnected ? back : heading.current)?.focus());
  };

  // The context menu's "New topic…" opens this page at #topics?term=…: start a topic with it.
  const loaded = topics !== null;
  useEffect(() => {
    if (!loaded) return;
    const fromHash = () => {
      const term = termFromHash(location.hash);
      if (!term) return;
      history.replaceState(null, '', '#topics');
      open(emptyDraft(latest.current, term));
    };
    fromHash();
    addEventListener('hashchange', fromHash);
    return () => removeEventListener('hashchange', fromHash);
  }, [loaded, open]);

  async function act(run: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try {
      await run();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const onSaved = (t: Topic) => {
    setEditor(null);
    setStatus(`Saved “${t.name}”. Open papers tabs already show it.`);
    setFocus({ id: t.id, action: 'edit' });
  };

  const edit = (t: Topic) => {
    if (editor?.draft.id === t.id) return;
    open(draftFromTopic(t), t.name);
  };

  const move = (t: Topic, delta: -1 | 1) =>
    act(async () => {
      replace(await send('reorderTopics', { ids: moveId(list.map((x) => x.id), t.id, delta) }));
      setFocus({ id: t.id, action: delta < 0 ? 'up' : 'down' });
    });

  const remove = (t: Topic) =>
    act(async () => {
      await send('deleteTopic', { id: t.id });
      if (editor?.draft.id === t.id) setEditor(null);
      setStatus(`Deleted “${t.name}”.`);
      heading.current?.focus();
    });

  const enable = (t: Topic, enabled: boolean) => {
    // Show the new state at once (a controlled checkbox would flip back until the push arrives).
    const before = list;
    replace(list.map((x) => (x.id === t.id ? { ...x, enabled } : x)));
    return act(async () => {
      try {
        await send('saveTopic', { topic: { ...topicToInput(t), enabled } });
      } catch (err) {
        replace(before);
        throw err;
      }
      setStatus(`“${t.name}” is ${enabled ? 'on' : 'off'}.`);
    });
  };

  const addExample = (x: Example) =>
    act(async () => {
      const saved = await send('saveTopic', { topic: { ...x, include: [...x.include], exclude: [...x.exclude] } });
      setStatus(`Added “${saved.name}”.`);
      setFocus({ id: saved.id, action: 'edit' });
    });

  const clearFocus = useCallback(() => setFocus(null), []);
  const startNew = () => open(emptyDraft(list));
  const more = remainingExamples(list);

  return (
    <section class="topics-panel" aria-labelledby="topics-title">
      <header class="topics-head">
        <div>
          <h2 id="topics-title" ref={heading} tabIndex={-1}>
            Topics
          </h2>
          <p class="lede">
            Papers matching a topic are marked in its colour on huggingface.co/papers. When several match, the topic
            higher in this list gives the colour.
          </p>
        </div>
        {list.length > 0 && (
          <button type="button" class="primary" ref={newButton} onClick={startNew}>
            New topic
          </button>
        )}
      </header>
      {loadError && (
        <p role="alert" class="error">
          Could not load topics: {loadError}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <p role="status" class="topics-status">
        {status}
      </p>
      {topics === null ? (
        !loadError && <p class="muted">Loading topics…</p>
      ) : (
        <div class={`topics-layout${editor ? ' with-editor' : ''}`}>
          <div class="topics-side">
            {list.length === 0 ? (
              <EmptyTopics busy={busy} newRef={newButton} onAdd={addExample} onNew={startNew} />
            ) : (
              <>
                <TopicList
                  topics={list}
                  editingId={editor?.draft.id}
                  focus={focus}
                  onFocused={clearFocus}
                  onEdit={edit}
                  onMove={move}
                  onDelete={remove}
                  onEnable={enable}
                />
                {more.length > 0 && (
                  <details class="more-examples">
                    <summary>Example topics</summary>
                    <ExampleTopics existing={list} busy={busy} onAdd={addExample} />
                  </details>
                )}
              </>
            )}
          </div>
          {editor && <TopicForm key={editor.key} initial={editor.draft} title={editor.title} onSaved={onSaved} onCancel={close} />}
        </div>
      )}
    </section>
  );
}
