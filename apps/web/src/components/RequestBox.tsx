import { forwardRef, useId, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  onChange(v: string): void;
  onSubmit(text: string): void;
  busy: boolean;
  refining: boolean;
  onStartOver?: (() => void) | undefined;
}

/** The request box: Enter asks, Shift+Enter starts a new line. */
export const RequestBox = forwardRef<HTMLTextAreaElement, Props>(function RequestBox(
  { value, onChange, onSubmit, busy, refining, onStartOver },
  ref,
) {
  const hint = useId();
  const submit = () => {
    const text = value.trim();
    if (!text || busy) return;
    onSubmit(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  return (
    <form
      className="request"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="request-text" className="request-label">
        {refining ? 'Refine this audience' : 'Describe your audience'}
      </label>
      <textarea
        id="request-text"
        ref={ref}
        rows={3}
        value={value}
        maxLength={2000}
        placeholder={
          refining
            ? 'e.g. only those who signed up in the app · remove Texas · make it gold instead'
            : 'e.g. women 25-40 in California who bought baby products in the last 90 days but never used a coupon'
        }
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hint}
      />
      <div className="request-row">
        <p id={hint} className="hint">
          Enter to {refining ? 'refine' : 'ask'}, Shift+Enter for a new line.
        </p>
        <div className="request-actions">
          {onStartOver && (
            <button type="button" className="secondary" onClick={onStartOver} disabled={busy}>
              Start over
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !value.trim()}>
            {busy ? 'Working…' : refining ? 'Refine' : 'Ask'}
          </button>
        </div>
      </div>
    </form>
  );
});
