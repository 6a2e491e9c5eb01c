/** IPC channels of the exchange picker (see shared/ipc/contract.ts): the exchanges Ballast can read, with advice. */
import { z } from 'zod';
import { channel, NoArgs } from '../define';

/** A ccxt exchange id ("binance", "okx", "coinbaseexchange"...). */
export const ExchangeIdSchema = z.string().regex(/^[a-z][a-z0-9]{1,31}$/, 'not a valid exchange id');

/** Advice and checks for one exchange, for the picker and the guidance panel. */
export interface ExchangeChoice {
  id: string;
  name: string;
  /** The exchange needs a passphrase besides key and secret. */
  requiresPassword: boolean;
  /** Ballast can ask this exchange what a key may do. */
  hasPermissionCheck: boolean;
  /** How to create a read-only key on this exchange (permissions, IP allow-list). */
  guidance: string;
  featured: boolean;
}

export const exchangesChannels = {
  /** The exchanges shown first, with their own advice. */
  'exchanges:featured': channel<ExchangeChoice[]>()(NoArgs),
  /** Every exchange that can fetch balances, featured first. */
  'exchanges:all': channel<ExchangeChoice[]>()(NoArgs),
};
