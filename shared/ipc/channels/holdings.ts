/**
 * IPC channels of manual holdings (see shared/ipc/contract.ts): wallets kept outside connected exchanges,
 * their holdings, and CSV import (preview first, then import).
 */
import { z } from 'zod';
import { displayNameSchema } from '../../schema';
import { symbolInputSchema } from '../../catalog/schema';
import { channel, NoArgs } from '../define';
import {
  MAX_AMOUNT,
  MAX_CSV_CHARS,
  MAX_NOTE,
  MAX_PLATFORM,
  MAX_WALLET_LABEL,
  type HoldingsCsvPreview,
  type HoldingsImportResult,
  type ManualHolding,
  type ManualHoldingsList,
  type ManualWallet,
} from '../../holdings/types';

const Id = z.string().min(1).max(100);
const Label = displayNameSchema(MAX_WALLET_LABEL);
const Platform = displayNameSchema(MAX_PLATFORM, 0);
const Asset = symbolInputSchema;
const Amount = z.number().finite().min(0).max(MAX_AMOUNT);
const Cost = z.number().finite().min(0).max(1e15);
const Note = displayNameSchema(MAX_NOTE, 0);
const CsvText = z.string().max(MAX_CSV_CHARS, 'The file is too large (limit 2 MB).');

export const holdingsChannels = {
  'holdings:list': channel<ManualHoldingsList>()(NoArgs),
  'holdings:addWallet': channel<ManualWallet>()(z.strictObject({ label: Label, platform: Platform.optional() })),
  'holdings:renameWallet': channel<ManualWallet>()(
    z.strictObject({ id: Id, label: Label, platform: Platform.optional() }),
  ),
  'holdings:removeWallet': channel<{ removedHoldings: number }>()(z.strictObject({ id: Id })),
  'holdings:add': channel<ManualHolding>()(
    z.strictObject({ walletId: Id, asset: Asset, amount: Amount, note: Note.optional(), costBasis: Cost.optional() }),
  ),
  'holdings:update': channel<ManualHolding>()(
    z.strictObject({
      id: Id,
      amount: Amount.optional(),
      note: Note.nullable().optional(),
      costBasis: Cost.nullable().optional(),
    }),
  ),
  'holdings:remove': channel<{ removed: boolean }>()(z.strictObject({ id: Id })),
  /** Parses a CSV and reports what importing it would change; nothing is saved. */
  'holdings:previewCsv': channel<HoldingsCsvPreview>()(
    z.strictObject({
      text: CsvText,
      mode: z.enum(['merge', 'replace-wallet']).default('merge'),
      walletId: Id.optional(),
    }),
  ),
  /** Imports the valid rows in one write; invalid and duplicate rows come back with their line numbers. */
  'holdings:importCsv': channel<HoldingsImportResult>()(
    z.strictObject({
      text: CsvText,
      mode: z.enum(['merge', 'replace-wallet']).default('merge'),
      walletId: Id.optional(),
    }),
  ),
};
