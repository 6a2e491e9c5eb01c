/**
 * Next to the add-account form: how to create a read-only key on the chosen exchange, whether
 * Ballast can check what a key may do there, and where the key goes.
 */
import type { ExchangeChoice } from '../../../../shared/ipc/channels/exchanges';

export function KeyGuidance({ chosen }: { chosen: ExchangeChoice | undefined }) {
  return (
    <aside className="panel key-guidance" aria-label="How to create a read-only key" data-testid="key-guidance">
      {chosen ? (
        <>
          <h2>Create a read-only key on {chosen.name}</h2>
          <p>{chosen.guidance}</p>
          {chosen.hasPermissionCheck ? (
            <p className="muted small">
              Ballast asks {chosen.name} what the key may do before storing it: keys that can withdraw are refused, keys
              that can trade need your explicit agreement.
            </p>
          ) : (
            <p className="warn-text small">
              {chosen.name} does not tell apps what a key may do, so Ballast cannot check it. Make sure the key is
              read-only.
            </p>
          )}
        </>
      ) : (
        <p className="muted">Choose an exchange to see how to create a read-only key for it.</p>
      )}
      <p className="muted small">
        The key, secret and passphrase go straight to your system keychain. Ballast never shows them again and never
        writes them to a file.
      </p>
    </aside>
  );
}
