/**
 * wallets.json: the watch-only wallets (labels, public addresses, the script and short form of extended
 * keys, whose key itself is in the OS keychain), the last good read of each, the provider URLs the user
 * set and the "show hidden tokens" choice. Local only. Read once at start (an unreadable file is moved
 * aside to `wallets.corrupt-<time>.json` and reported); every change replaces the file through
 * files/atomic.ts, one write at a time. Used by the wallet service (./service.ts).
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BTC_SCRIPTS, MAX_GAP_LIMIT, NETWORKS, WALLET_KINDS } from '../../../shared/wallets';
import { writeFileAtomic } from '../files/atomic';

const network = z.enum(NETWORKS);
const tokenSchema = z.object({
  network,
  asset: z.string().max(40).nullable(),
  name: z.string().max(120),
  amount: z.number().finite().min(0),
  hidden: z.boolean(),
});
const walletSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  label: z.string().min(1).max(60),
  kind: z.enum(WALLET_KINDS),
  address: z.string().max(100).nullable(),
  ensName: z.string().max(255).nullable(),
  networks: z.array(network).min(1).max(NETWORKS.length),
  extended: z
    .object({
      script: z.enum(BTC_SCRIPTS),
      shortForm: z.string().max(40),
      gapLimit: z.number().int().min(1).max(MAX_GAP_LIMIT),
    })
    .nullable(),
  createdAt: z.number(),
  lastRead: z
    .object({
      at: z.number(),
      /** Height (block or slot) of the last good answer per network: a lower one later means a lagging node. */
      tips: z.partialRecord(network, z.number().int().min(0)),
      used: z.number().int().min(0).nullable(),
      tokens: z.array(tokenSchema).max(5000),
    })
    .nullable(),
});
const fileSchema = z.object({
  version: z.literal(1),
  wallets: z.array(walletSchema).max(1000),
  providers: z.partialRecord(network, z.string().max(500)),
  showHidden: z.boolean(),
});

export type StoredToken = z.infer<typeof tokenSchema>;
export type StoredWallet = z.infer<typeof walletSchema>;
export type WalletsFile = z.infer<typeof fileSchema>;

const EMPTY: WalletsFile = { version: 1, wallets: [], providers: {}, showHidden: false };

export class WalletStore {
  private data: WalletsFile;
  private chain: Promise<unknown> = Promise.resolve();
  /** Where an unreadable file was moved at start, and why. */
  readonly recovered: { backupPath: string; reason: string } | null = null;

  constructor(
    private readonly path: string,
    now: () => number,
  ) {
    if (!existsSync(path)) {
      this.data = structuredClone(EMPTY);
      return;
    }
    let reason: string;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) {
        this.data = parsed.data;
        return;
      }
      reason = 'its content is not a list of wallets';
    } catch {
      reason = 'it is not valid JSON';
    }
    const backupPath = join(path, '..', `wallets.corrupt-${now()}.json`);
    renameSync(path, backupPath);
    this.recovered = { backupPath, reason };
    this.data = structuredClone(EMPTY);
  }

  /** The current content (a copy). */
  read(): WalletsFile {
    return structuredClone(this.data);
  }

  /**
   * Applies `change` to the current content and writes the result; changes run one at a time, each on
   * the content the previous one left. The in-memory content changes only once the file is written.
   */
  update<T>(change: (data: WalletsFile) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const next = structuredClone(this.data);
      const result = change(next);
      await writeFileAtomic(this.path, `${JSON.stringify(fileSchema.parse(next), null, 1)}\n`);
      this.data = next;
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
