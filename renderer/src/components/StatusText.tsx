/**
 * The one line that says how an action went: green with role="status" when it worked, red with
 * role="alert" when it failed, nothing before any action. Used by the settings panels and by the
 * Diversification targets and rebalance plan.
 */

/** The outcome of the last action a panel ran, in words for the user. */
export interface StatusNote {
  kind: 'ok' | 'error';
  text: string;
}

export function StatusText(props: { status: StatusNote | null; as?: 'p' | 'span'; small?: boolean }) {
  const { status } = props;
  if (!status) return null;
  const Tag = props.as ?? 'p';
  const error = status.kind === 'error';
  return (
    <Tag
      role={error ? 'alert' : 'status'}
      className={`${error ? 'error-text' : 'ok-text'}${props.small ? ' small' : ''}`}
    >
      {status.text}
    </Tag>
  );
}
