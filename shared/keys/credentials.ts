/**
 * Shape of the exchange credentials kept in the OS keychain. These values live only in the main
 * process (vault -> exchange client); they are never sent to the renderer, logged or persisted
 * anywhere else.
 */
import { z } from 'zod';

export const ExchangeCredentialsSchema = z.strictObject({
  apiKey: z.string().min(1).max(1024),
  secret: z.string().min(1).max(8192),
  /** Passphrase some exchanges require (OKX, KuCoin, Coinbase...). */
  password: z.string().min(1).max(1024).optional(),
});

export type ExchangeCredentials = z.infer<typeof ExchangeCredentialsSchema>;

/** Last 4 characters of the API key, shown to help the user recognise a key. */
export function keyFingerprint(apiKey: string): string {
  return apiKey.trim().slice(-4);
}

/** The values of a credential set that must never leave the main process. */
export function secretValues(creds: ExchangeCredentials): string[] {
  return [creds.apiKey, creds.secret, ...(creds.password ? [creds.password] : [])];
}
