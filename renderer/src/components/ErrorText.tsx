/**
 * Errors as text: `ErrorText` is one the user must hear at once (role="alert") as a paragraph, or
 * nothing when there is none; `ErrorList` lists problems ("path: reason") under a message that is
 * already announced. Used by the Keys view's panels, the Grades view's target split editor and the
 * Index Lab builder.
 */
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
