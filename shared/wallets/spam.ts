/**
 * The rule that hides obvious spam tokens (behind the "show hidden tokens" toggle; they are never
 * dropped). Conservative: only what no real token does is hidden.
 * - the name or symbol holds a web address or a domain (http, www., ".com", ".io", ".xyz", ".org",
 *   ".net", ".app", ".site", ".top", ".gift", ".claim"...);
 * - the name or symbol invites an action: "claim", "visit", "reward", "airdrop", "voucher", "free";
 * - zero decimals with an amount of at most 1 on Solana (an NFT, or a junk mint), and zero-decimal
 *   tokens nobody lists (unknown to the token list).
 * Known tokens (in the token list) are never hidden. Pure; used by main's token readers.
 */

const URL_LIKE = /(https?:|www\.|t\.me\/|\.(com|io|xyz|org|net|app|site|top|gift|claim|live|link|fi|co|finance)\b)/i;
const CALL_TO_ACTION = /\b(claim|visit|reward|rewards|airdrop|voucher|free|giveaway|bonus)\b/i;

export interface TokenFacts {
  /** Whether the token list knows the token. */
  known: boolean;
  name: string;
  symbol: string;
  decimals: number;
  amount: number;
}

/** Whether a token is hidden as probable spam (see the module comment). */
export function isSpamToken(t: TokenFacts): boolean {
  if (t.known) return false;
  const text = `${t.name} ${t.symbol}`;
  if (URL_LIKE.test(text) || CALL_TO_ACTION.test(text)) return true;
  return t.decimals === 0;
}
