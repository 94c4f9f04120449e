import { useState } from 'preact/hooks';
import { send, sendToTab } from '@/utils/protocol/messages';

/** On a papers tab: how many cards are new, "Mark all as seen", and "Dim seen papers" (every tab). */
export function SeenControls({ tabId, fresh, dimSeen, onChange }: { tabId: number; fresh: number; dimSeen: boolean; onChange: () => void }) {
  const [dim, setDim] = useState(dimSeen);
  const markAll = async () => {
    await sendToTab(tabId, 'markAllSeen', null).catch(() => undefined);
    onChange();
  };
  return (
    <div class="seen-controls">
      <span role="status">
        {fresh} new on this page
      </span>
      <button type="button" onClick={() => void markAll()} disabled={fresh === 0}>
        Mark all as seen
      </button>
      <label>
        <input
          type="checkbox"
          checked={dim}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setDim(on);
            void send('setDimSeen', { on });
          }}
        />{' '}
        Dim seen papers
      </label>
    </div>
  );
}
