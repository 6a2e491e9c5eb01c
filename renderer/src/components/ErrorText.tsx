/**
 * Errors as text: `ErrorText` is one the user must hear at once (role="alert") as a paragraph, or
 * nothing when there is none; `ErrorList` lists problems ("path: reason") under a message that is
 * already announced; `RetryBanner` is a failed load in an error banner with a "Try again" link.
 * Used by the Keys view's panels, the Grades view (its list, a token's detail, the report and the
 * target split editor) and the Index Lab builder.
 */
import type { ReactNode } from 'react';

export function ErrorText(props: { error: string | null; className?: string }) {
  if (!props.error) return null;
  return (
    <p role="alert" className={props.className ?? 'error-text'}>
      {props.error}
    </p>
  );
}

export function ErrorList({ items }: { items: readonly string[] }) {
  return (
    <ul className="error-list">
      {items.map((d) => (
        <li key={d}>{d}</li>
      ))}
    </ul>
  );
}

export function RetryBanner(props: { children: ReactNode; onRetry: () => void }) {
  return (
    <div className="banner error" role="alert">
      {props.children}{' '}
      <button type="button" className="link" onClick={props.onRetry}>
        Try again
      </button>
    </div>
  );
}
