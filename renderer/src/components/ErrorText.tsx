/**
 * An error the user must hear at once (role="alert") as a paragraph, or nothing when there is
 * none. Used by the Keys view's panels and the Grades view's target split editor.
 */
export function ErrorText(props: { error: string | null; className?: string }) {
  if (!props.error) return null;
  return (
    <p role="alert" className={props.className ?? 'error-text'}>
      {props.error}
    </p>
  );
}
