/**
 * Exchange access for the main process: ccxt clients with call recording, the per-exchange gate,
 * the key permission check, the exchange catalog and error mapping.
 */
import type { PermissionReport } from '../../../shared/domain/keys';
import { createExchangeClient, type ExchangeClientOptions, type ExchangeCredentials } from './client';
import { toExchangeCallError } from './errors';
import { checkPermissions } from './permissions';

export * from './client';
export * from './catalog';
export * from './errors';
export { ExchangeGate, GATE_FILE } from './gate';
export { offsetText } from './clock';
export { checkPermissions, exchangeGuidance } from './permissions';
export { loadExchangeClass, loadCcxt } from './loader';

/**
 * Inspect a key before it is stored: ask the exchange what it may do and, when the exchange
 * cannot tell, make one balance call so that a wrong key is still caught.
 * Every failure is thrown as an `ExchangeCallError` (`code: 'auth'` for wrong credentials).
 */
export async function inspectKey(
  exchangeId: string,
  creds: ExchangeCredentials,
  opts: ExchangeClientOptions = {},
): Promise<PermissionReport> {
  try {
    const client = await createExchangeClient(exchangeId, creds, opts);
    const report = await checkPermissions(client, exchangeId);
    if (report.status === 'unverified') await client.fetchBalance();
    return report;
  } catch (err) {
    throw toExchangeCallError(err, exchangeId);
  }
}
