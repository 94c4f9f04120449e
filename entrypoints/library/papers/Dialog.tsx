/**
 * A modal `<dialog>`: focus is trapped by the browser, Escape closes it (the native `cancel`),
 * and focus goes back to what was focused before it opened.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  danger?: boolean;
}

export function Dialog({ open, title, onClose, children, danger }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  const closed = () => {
    onClose();
    const back = opener.current;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };
  return (
    <dialog ref={ref} class={`ps-dialog${danger ? ' ps-dialog-danger' : ''}`} aria-labelledby={`${id}-title`} onClose={closed}>
      {open && (
        <>
          <h2 id={`${id}-title`}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
