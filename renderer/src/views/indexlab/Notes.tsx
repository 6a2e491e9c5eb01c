/**
 * A collapsed list of notes with its count in the summary ("Warnings (3)"); renders nothing when
 * there are none. Called by RunCard, MyPortfolio and IndexLabView (price data notes).
 */
export function Notes({ title, items, testId }: { title: string; items: string[]; testId?: string }) {
  if (items.length === 0) return null;
  return (
    <details className="il-notes" data-testid={testId}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((w, i) => (
          <li key={i} className="small">
            {w}
          </li>
        ))}
      </ul>
    </details>
  );
}
