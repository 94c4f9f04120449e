import { useState } from 'preact/hooks';
import { send } from '@/utils/protocol/messages';
import type { DisplayMode } from '@/utils/types';

const MODES: Array<{ mode: DisplayMode; label: string }> = [
  { mode: 'highlight', label: 'Highlight matches' },
  { mode: 'dim', label: 'Dim others' },
  { mode: 'hide', label: 'Hide others' },
];

/** Display mode for non-matching cards, applied live in every papers tab. */
export function ModeSwitch({ mode }: { mode: DisplayMode }) {
  const [current, setCurrent] = useState(mode);
  return (
    <fieldset class="modes">
      <legend>Papers not matching your topics</legend>
      {MODES.map((m) => (
        <label key={m.mode}>
          <input
            type="radio"
            name="mode"
            value={m.mode}
            checked={current === m.mode}
            onChange={() => {
              setCurrent(m.mode);
              void send('setMode', { mode: m.mode });
            }}
          />
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}
