/**
 * The builder's one-line outcome of an import, export, save, load or delete ("Saved as …", "x.json is
 * not a valid index spec:" and its problems). Errors are alerts, the rest a status. Called by
 * Builder.tsx and SavedSpecs.tsx.
 */
import { ErrorList } from '../../components/ErrorText';

export interface BuilderMessage {
  kind: 'ok' | 'error';
  text: string;
  /** Problems listed under the text ("path: reason"). */
  details?: string[];
}

export function BuilderMessageBanner({ message }: { message: BuilderMessage }) {
  return (
    <div
      className={`banner ${message.kind === 'error' ? 'error' : ''}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid="builder-message"
    >
      {message.text}
      {message.details && message.details.length > 0 && <ErrorList items={message.details} />}
    </div>
  );
}
