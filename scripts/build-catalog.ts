/**
 * Builds assets/catalog.json, the bundled fallback asset catalog.
 *
 * The table below lists CoinGecko id, ticker, name, sector tags (primary first) and an approximate
 * market cap in billions of USD. Ranks are derived from the caps. The figures are rounded and only
 * need to place each asset in the right tier; the app refreshes them from CoinGecko when online.
 *
 *   npx tsx scripts/build-catalog.ts          # write assets/catalog.json
 *   npx tsx scripts/build-catalog.ts --check  # exit 1 if the committed file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { byCapDesc, CATALOG_VERSION, parseCatalogFile, type CatalogFile } from '../shared/catalog';
import type { AssetInfo, Sector } from '../shared/domain/types';

export const CATALOG_AS_OF = '2025-06-30';
export const CATALOG_SOURCE =
  'Approximate market caps (rounded, around mid-2025) compiled from public market data; a few later ' +
  'listings carry sectors only (marketCapUsd null). CoinGecko ids for matching. A fallback only: ' +
  'refreshed from the CoinGecko /coins/markets API when online.';

type Row = readonly [coingeckoId: string, symbol: string, name: string, sectors: string, capBn: number | null];

// prettier-ignore
const ROWS: readonly Row[] = [
  // Majors and large caps
  ['bitcoin', 'BTC', 'Bitcoin', 'L1,payments', 2120],
  ['ethereum', 'ETH', 'Ethereum', 'L1,DeFi', 300],
  ['tether', 'USDT', 'Tether', 'stablecoin,payments', 157],
  ['ripple', 'XRP', 'XRP', 'L1,payments', 130],
  ['binancecoin', 'BNB', 'BNB', 'exchange,L1', 92],
  ['solana', 'SOL', 'Solana', 'L1', 80],
  ['usd-coin', 'USDC', 'USDC', 'stablecoin,payments', 62],
  ['tron', 'TRX', 'TRON', 'L1,payments', 26],
  ['dogecoin', 'DOGE', 'Dogecoin', 'meme,payments', 25],
  ['staked-ether', 'STETH', 'Lido Staked Ether', 'L1,DeFi', 22],
  ['cardano', 'ADA', 'Cardano', 'L1', 20.5],
  ['wrapped-bitcoin', 'WBTC', 'Wrapped Bitcoin', 'L1,DeFi', 13],
  ['hyperliquid', 'HYPE', 'Hyperliquid', 'DeFi,L1,exchange', 12.5],
  ['wrapped-steth', 'WSTETH', 'Wrapped stETH', 'L1,DeFi', 11],
  ['sui', 'SUI', 'Sui', 'L1', 10.2],
  ['bitcoin-cash', 'BCH', 'Bitcoin Cash', 'L1,payments', 9.2],
  ['chainlink', 'LINK', 'Chainlink', 'oracle,infrastructure', 8.8],
  ['leo-token', 'LEO', 'LEO Token', 'exchange', 8.4],
  ['stellar', 'XLM', 'Stellar', 'L1,payments', 7.4],
  ['avalanche-2', 'AVAX', 'Avalanche', 'L1', 7.6],
  ['usds', 'USDS', 'USDS', 'stablecoin,DeFi', 7.2],
  ['weth', 'WETH', 'Wrapped Ether', 'L1,DeFi', 7.0],
  ['the-open-network', 'TON', 'Toncoin', 'L1,payments', 7.1],
  ['shiba-inu', 'SHIB', 'Shiba Inu', 'meme', 6.9],
  ['wrapped-eeth', 'WEETH', 'Wrapped eETH', 'L1,DeFi', 6.3],
  ['hedera-hashgraph', 'HBAR', 'Hedera', 'L1,infrastructure', 6.6],
  ['litecoin', 'LTC', 'Litecoin', 'L1,payments', 6.5],
  ['ethena-usde', 'USDE', 'Ethena USDe', 'stablecoin,DeFi', 5.4],
  ['monero', 'XMR', 'Monero', 'privacy,L1', 5.8],
  ['polkadot', 'DOT', 'Polkadot', 'L1,infrastructure', 5.5],
  ['coinbase-wrapped-btc', 'CBBTC', 'Coinbase Wrapped BTC', 'L1,DeFi', 5.2],
  ['dai', 'DAI', 'Dai', 'stablecoin,DeFi', 5.3],
  ['whitebit', 'WBT', 'WhiteBIT Coin', 'exchange', 4.6],
  ['bitget-token', 'BGB', 'Bitget Token', 'exchange', 3.2],
  ['pi-network', 'PI', 'Pi Network', 'L1,payments', 4.3],
  ['pepe', 'PEPE', 'Pepe', 'meme', 4.2],
  ['uniswap', 'UNI', 'Uniswap', 'DeFi,exchange', 4.4],
  ['aave', 'AAVE', 'Aave', 'DeFi', 4.1],
  ['ethena-staked-usde', 'SUSDE', 'Ethena Staked USDe', 'DeFi', 3.6],
  ['bittensor', 'TAO', 'Bittensor', 'AI,L1', 3.3],
  ['okb', 'OKB', 'OKB', 'exchange', 3.0],
  ['near', 'NEAR', 'NEAR Protocol', 'L1,AI', 2.7],
  ['aptos', 'APT', 'Aptos', 'L1', 2.9],
  ['blackrock-usd-institutional-digital-liquidity-fund', 'BUIDL', 'BlackRock USD Institutional Digital Liquidity Fund', 'RWA', 2.8],
  ['ondo-finance', 'ONDO', 'Ondo', 'RWA,DeFi', 2.6],
  ['internet-computer', 'ICP', 'Internet Computer', 'L1,infrastructure', 2.6],
  ['ethereum-classic', 'ETC', 'Ethereum Classic', 'L1', 2.5],
  ['crypto-com-chain', 'CRO', 'Cronos', 'exchange,L1', 2.5],
  ['kaspa', 'KAS', 'Kaspa', 'L1', 2.2],
  ['mantle', 'MNT', 'Mantle', 'L2', 2.1],
  ['usd1-wlfi', 'USD1', 'USD1', 'stablecoin', 2.2],
  ['official-trump', 'TRUMP', 'Official Trump', 'meme', 2.0],
  ['polygon-ecosystem-token', 'POL', 'POL (ex-MATIC)', 'L2,infrastructure', 1.9],
  ['vechain', 'VET', 'VeChain', 'L1,infrastructure', 1.9],
  ['gatechain-token', 'GT', 'GateToken', 'exchange', 1.9],
  ['render-token', 'RENDER', 'Render', 'AI,infrastructure', 1.8],
  ['ethena', 'ENA', 'Ethena', 'DeFi', 1.8],
  ['arbitrum', 'ARB', 'Arbitrum', 'L2', 1.7],
  ['cosmos', 'ATOM', 'Cosmos Hub', 'L1,infrastructure', 1.7],
  ['algorand', 'ALGO', 'Algorand', 'L1', 1.6],
  ['fetch-ai', 'FET', 'Artificial Superintelligence Alliance', 'AI', 1.6],
  ['filecoin', 'FIL', 'Filecoin', 'storage', 1.5],
  ['sky', 'SKY', 'Sky', 'DeFi', 1.5],
  ['bonk', 'BONK', 'Bonk', 'meme', 1.4],
  ['first-digital-usd', 'FDUSD', 'First Digital USD', 'stablecoin', 1.4],
  ['kucoin-shares', 'KCS', 'KuCoin Token', 'exchange', 1.4],
  ['worldcoin-wld', 'WLD', 'Worldcoin', 'AI,infrastructure', 1.35],
  ['jupiter-exchange-solana', 'JUP', 'Jupiter', 'DeFi,exchange', 1.3],
  ['nexo', 'NEXO', 'Nexo', 'DeFi,payments', 1.3],
  ['maker', 'MKR', 'Maker', 'DeFi', 1.5],
  ['celestia', 'TIA', 'Celestia', 'infrastructure,L1', 1.25],
  ['sonic-3', 'S', 'Sonic', 'L1', 1.2],
  ['story-2', 'IP', 'Story', 'L1,AI', 1.2],
  ['quant-network', 'QNT', 'Quant', 'infrastructure', 1.2],
  ['sei-network', 'SEI', 'Sei', 'L1', 1.2],
  ['xdce-crowd-sale', 'XDC', 'XDC Network', 'L1,RWA', 1.1],
  ['flare-networks', 'FLR', 'Flare', 'L1,oracle', 1.1],
  ['virtual-protocol', 'VIRTUAL', 'Virtuals Protocol', 'AI', 1.1],
  ['optimism', 'OP', 'Optimism', 'L2', 1.1],
  ['injective-protocol', 'INJ', 'Injective', 'DeFi,L1', 1.1],
  ['spx6900', 'SPX', 'SPX6900', 'meme', 1.0],
  ['fartcoin', 'FARTCOIN', 'Fartcoin', 'meme', 1.0],
  ['blockstack', 'STX', 'Stacks', 'L2', 1.0],
  ['dexe', 'DEXE', 'DeXe', 'DeFi', 0.95],
  // Below $1B: small caps
  ['immutable-x', 'IMX', 'Immutable', 'gaming,L2', 0.9],
  ['the-graph', 'GRT', 'The Graph', 'infrastructure,AI', 0.9],
  ['curve-dao-token', 'CRV', 'Curve DAO', 'DeFi', 0.9],
  ['paypal-usd', 'PYUSD', 'PayPal USD', 'stablecoin,payments', 0.9],
  ['pax-gold', 'PAXG', 'PAX Gold', 'RWA', 0.9],
  ['dogwifcoin', 'WIF', 'dogwifhat', 'meme', 0.85],
  ['tether-gold', 'XAUT', 'Tether Gold', 'RWA', 0.8],
  ['floki', 'FLOKI', 'FLOKI', 'meme', 0.8],
  ['lido-dao', 'LDO', 'Lido DAO', 'DeFi', 0.8],
  ['raydium', 'RAY', 'Raydium', 'DeFi,exchange', 0.8],
  ['theta-token', 'THETA', 'Theta Network', 'infrastructure', 0.8],
  ['kaia', 'KAIA', 'Kaia', 'L1', 0.8],
  ['pudgy-penguins', 'PENGU', 'Pudgy Penguins', 'meme,gaming', 0.75],
  ['jasmycoin', 'JASMY', 'JasmyCoin', 'infrastructure', 0.7],
  ['pancakeswap-token', 'CAKE', 'PancakeSwap', 'DeFi,exchange', 0.7],
  ['gala', 'GALA', 'GALA', 'gaming', 0.68],
  ['iota', 'IOTA', 'IOTA', 'L1,infrastructure', 0.65],
  ['ethereum-name-service', 'ENS', 'Ethereum Name Service', 'infrastructure', 0.68],
  ['the-sandbox', 'SAND', 'The Sandbox', 'gaming', 0.66],
  ['bitcoin-cash-sv', 'BSV', 'Bitcoin SV', 'L1', 0.65],
  ['pyth-network', 'PYTH', 'Pyth Network', 'oracle', 0.65],
  ['tezos', 'XTZ', 'Tezos', 'L1', 0.6],
  ['zcash', 'ZEC', 'Zcash', 'privacy,payments', 0.6],
  ['jito-governance-token', 'JTO', 'Jito', 'DeFi', 0.6],
  ['pendle', 'PENDLE', 'Pendle', 'DeFi', 0.6],
  ['aerodrome-finance', 'AERO', 'Aerodrome Finance', 'DeFi,exchange', 0.6],
  ['walrus-2', 'WAL', 'Walrus', 'storage', 0.6],
  ['morpho', 'MORPHO', 'Morpho', 'DeFi', 0.6],
  ['syrup', 'SYRUP', 'Maple Finance (SYRUP)', 'DeFi,RWA', 0.6],
  ['bittorrent', 'BTT', 'BitTorrent', 'storage,infrastructure', 0.58],
  ['decentraland', 'MANA', 'Decentraland', 'gaming', 0.55],
  ['ecash', 'XEC', 'eCash', 'payments,L1', 0.55],
  ['flow', 'FLOW', 'Flow', 'L1,gaming', 0.55],
  ['coredaoorg', 'CORE', 'Core', 'L1', 0.5],
  ['usual-usd', 'USD0', 'Usual USD', 'stablecoin,DeFi', 0.5],
  ['starknet', 'STRK', 'Starknet', 'L2', 0.5],
  ['helium', 'HNT', 'Helium', 'infrastructure', 0.5],
  ['thorchain', 'RUNE', 'THORChain', 'DeFi,exchange', 0.5],
  ['true-usd', 'TUSD', 'TrueUSD', 'stablecoin', 0.49],
  ['chain-2', 'XCN', 'Onyxcoin', 'DeFi', 0.45],
  ['neo', 'NEO', 'NEO', 'L1', 0.4],
  ['kava', 'KAVA', 'Kava', 'L1,DeFi', 0.4],
  ['eigenlayer', 'EIGEN', 'EigenLayer', 'infrastructure,DeFi', 0.4],
  ['elrond-erd-2', 'EGLD', 'MultiversX', 'L1', 0.4],
  ['apecoin', 'APE', 'ApeCoin', 'gaming,meme', 0.4],
  ['aethir', 'ATH', 'Aethir', 'AI,infrastructure', 0.4],
  ['kaito', 'KAITO', 'KAITO', 'AI', 0.4],
  ['grass', 'GRASS', 'Grass', 'AI,infrastructure', 0.4],
  ['compound-governance-token', 'COMP', 'Compound', 'DeFi', 0.4],
  ['dydx-chain', 'DYDX', 'dYdX', 'DeFi,exchange', 0.4],
  ['ronin', 'RON', 'Ronin', 'gaming,L1', 0.4],
  ['zksync', 'ZK', 'ZKsync', 'L2', 0.4],
  ['arweave', 'AR', 'Arweave', 'storage', 0.4],
  ['gnosis', 'GNO', 'Gnosis', 'L1,infrastructure', 0.4],
  ['movement', 'MOVE', 'Movement', 'L2', 0.4],
  ['usdd', 'USDD', 'USDD', 'stablecoin', 0.4],
  ['based-brett', 'BRETT', 'Brett', 'meme', 0.4],
  ['reserve-rights-token', 'RSR', 'Reserve Rights', 'DeFi', 0.38],
  ['superfarm', 'SUPER', 'SuperVerse', 'gaming', 0.38],
  ['chiliz', 'CHZ', 'Chiliz', 'other,L1', 0.37],
  ['akash-network', 'AKT', 'Akash Network', 'infrastructure,AI', 0.35],
  ['conflux-token', 'CFX', 'Conflux', 'L1', 0.35],
  ['axie-infinity', 'AXS', 'Axie Infinity', 'gaming', 0.35],
  ['trust-wallet-token', 'TWT', 'Trust Wallet Token', 'infrastructure', 0.33],
  ['mog-coin', 'MOG', 'Mog Coin', 'meme', 0.32],
  ['sun-token', 'SUN', 'Sun Token', 'DeFi', 0.32],
  ['ripple-usd', 'RLUSD', 'Ripple USD', 'stablecoin,payments', 0.32],
  ['mx-token', 'MX', 'MX Token', 'exchange', 0.3],
  ['beam-2', 'BEAM', 'Beam', 'gaming', 0.3],
  ['mina-protocol', 'MINA', 'Mina Protocol', 'L1,privacy', 0.3],
  ['aioz-network', 'AIOZ', 'AIOZ Network', 'storage,infrastructure', 0.3],
  ['popcat', 'POPCAT', 'Popcat', 'meme', 0.3],
  ['just', 'JST', 'JUST', 'DeFi', 0.3],
  ['wormhole', 'W', 'Wormhole', 'infrastructure', 0.3],
  ['ether-fi', 'ETHFI', 'ether.fi', 'DeFi', 0.3],
  ['layerzero', 'ZRO', 'LayerZero', 'infrastructure', 0.3],
  ['axelar', 'AXL', 'Axelar', 'infrastructure', 0.3],
  ['safe', 'SAFE', 'Safe', 'infrastructure', 0.3],
  ['dash', 'DASH', 'Dash', 'payments,privacy', 0.28],
  ['amp-token', 'AMP', 'Amp', 'payments', 0.28],
  ['1inch', '1INCH', '1inch', 'DeFi,exchange', 0.27],
  ['berachain-bera', 'BERA', 'Berachain', 'L1,DeFi', 0.27],
  ['kusama', 'KSM', 'Kusama', 'L1,infrastructure', 0.25],
  ['decred', 'DCR', 'Decred', 'L1,payments', 0.25],
  ['golem', 'GLM', 'Golem', 'AI,infrastructure', 0.25],
  ['basic-attention-token', 'BAT', 'Basic Attention Token', 'other', 0.22],
  ['ordinals', 'ORDI', 'ORDI', 'meme,infrastructure', 0.2],
  ['mantra-dao', 'OM', 'MANTRA', 'RWA,L1', 0.22],
  ['plume', 'PLUME', 'Plume', 'RWA,L1', 0.22],
  ['telcoin', 'TEL', 'Telcoin', 'payments', 0.22],
  ['gho', 'GHO', 'GHO', 'stablecoin,DeFi', 0.22],
  ['zilliqa', 'ZIL', 'Zilliqa', 'L1', 0.2],
  ['holotoken', 'HOT', 'Holo', 'infrastructure', 0.2],
  ['qtum', 'QTUM', 'Qtum', 'L1', 0.2],
  ['celo', 'CELO', 'Celo', 'L2,payments', 0.2],
  ['ankr', 'ANKR', 'Ankr', 'infrastructure', 0.2],
  ['oasis-network', 'ROSE', 'Oasis', 'L1,privacy', 0.2],
  ['zetachain', 'ZETA', 'ZetaChain', 'infrastructure,L1', 0.2],
  ['livepeer', 'LPT', 'Livepeer', 'infrastructure,AI', 0.2],
  ['iotex', 'IOTX', 'IoTeX', 'infrastructure,L1', 0.2],
  ['theta-fuel', 'TFUEL', 'Theta Fuel', 'infrastructure', 0.2],
  ['siacoin', 'SC', 'Siacoin', 'storage', 0.2],
  ['euro-coin', 'EURC', 'EURC', 'stablecoin,payments', 0.2],
  ['drift-protocol', 'DRIFT', 'Drift', 'DeFi,exchange', 0.2],
  ['0x', 'ZRX', '0x Protocol', 'DeFi,exchange', 0.2],
  ['havven', 'SNX', 'Synthetix', 'DeFi', 0.2],
  ['stepn', 'GMT', 'GMT (STEPN)', 'gaming', 0.2],
  ['nervos-network', 'CKB', 'Nervos Network', 'L1', 0.2],
  ['peanut-the-squirrel', 'PNUT', 'Peanut the Squirrel', 'meme', 0.2],
  ['turbo', 'TURBO', 'Turbo', 'meme', 0.2],
  ['book-of-meme', 'BOME', 'BOOK OF MEME', 'meme', 0.19],
  ['cat-in-a-dogs-world', 'MEW', 'cat in a dogs world', 'meme', 0.19],
  ['convex-finance', 'CVX', 'Convex Finance', 'DeFi', 0.18],
  ['notcoin', 'NOT', 'Notcoin', 'gaming,meme', 0.18],
  ['ravencoin', 'RVN', 'Ravencoin', 'L1', 0.15],
  ['harmony', 'ONE', 'Harmony', 'L1', 0.15],
  ['sushi', 'SUSHI', 'SushiSwap', 'DeFi,exchange', 0.15],
  ['yearn-finance', 'YFI', 'yearn.finance', 'DeFi', 0.15],
  ['gmx', 'GMX', 'GMX', 'DeFi,exchange', 0.15],
  ['orca', 'ORCA', 'Orca', 'DeFi,exchange', 0.15],
  ['digibyte', 'DGB', 'DigiByte', 'L1,payments', 0.15],
  ['loopring', 'LRC', 'Loopring', 'L2', 0.15],
  ['osmosis', 'OSMO', 'Osmosis', 'DeFi,exchange', 0.15],
  ['astar', 'ASTR', 'Astar', 'L1', 0.15],
  ['polymesh', 'POLYX', 'Polymesh', 'RWA,L1', 0.15],
  ['zencash', 'ZEN', 'Horizen', 'privacy,L1', 0.15],
  ['aixbt', 'AIXBT', 'aixbt', 'AI', 0.15],
  ['ssv-network', 'SSV', 'SSV Network', 'infrastructure', 0.12],
  ['rocket-pool', 'RPL', 'Rocket Pool', 'DeFi', 0.1],
  ['enjincoin', 'ENJ', 'Enjin Coin', 'gaming', 0.1],
  ['echelon-prime', 'PRIME', 'Echelon Prime', 'gaming,AI', 0.1],
  ['centrifuge-2', 'CFG', 'Centrifuge', 'RWA,DeFi', 0.1],
  ['band-protocol', 'BAND', 'Band Protocol', 'oracle', 0.1],
  ['api3', 'API3', 'API3', 'oracle', 0.1],
  ['uma', 'UMA', 'UMA', 'oracle,DeFi', 0.1],
  ['arkham', 'ARKM', 'Arkham', 'AI,infrastructure', 0.1],
  ['skale', 'SKL', 'SKALE', 'L2', 0.1],
  ['metis-token', 'METIS', 'Metis', 'L2', 0.1],
  ['blast', 'BLAST', 'Blast', 'L2', 0.1],
  ['kamino', 'KMNO', 'Kamino', 'DeFi', 0.1],
  ['icon', 'ICX', 'ICON', 'L1', 0.1],
  ['waves', 'WAVES', 'Waves', 'L1', 0.1],
  ['ontology', 'ONT', 'Ontology', 'L1,infrastructure', 0.1],
  ['alchemy-pay', 'ACH', 'Alchemy Pay', 'payments', 0.1],
  ['coti', 'COTI', 'COTI', 'payments,privacy', 0.1],
  ['nano', 'XNO', 'Nano', 'payments,L1', 0.1],
  ['aleo', 'ALEO', 'Aleo', 'privacy,L1', 0.1],
  ['mask-network', 'MASK', 'Mask Network', 'infrastructure', 0.1],
  ['dogs-2', 'DOGS', 'DOGS', 'meme', 0.09],
  ['memecoin-2', 'MEME', 'Memecoin', 'meme', 0.09],
  ['balancer', 'BAL', 'Balancer', 'DeFi,exchange', 0.07],
  ['iexec-rlc', 'RLC', 'iExec RLC', 'infrastructure,AI', 0.07],
  ['venus', 'XVS', 'Venus', 'DeFi', 0.07],
  ['lisk', 'LSK', 'Lisk', 'L2', 0.07],
  ['secret', 'SCRT', 'Secret', 'privacy,L1', 0.05],
  ['storj', 'STORJ', 'Storj', 'storage', 0.05],
  ['moonbeam', 'GLMR', 'Moonbeam', 'L1', 0.05],
  ['illuvium', 'ILV', 'Illuvium', 'gaming', 0.05],
  ['yield-guild-games', 'YGG', 'Yield Guild Games', 'gaming', 0.05],
  ['magic', 'MAGIC', 'Treasure (MAGIC)', 'gaming', 0.05],
  ['kyber-network-crystal', 'KNC', 'Kyber Network Crystal', 'DeFi,exchange', 0.05],
  ['tellor', 'TRB', 'Tellor', 'oracle', 0.05],
  ['vaulta', 'A', 'Vaulta (ex-EOS)', 'L1', 0.5],
  // Listed after the figures above were compiled: sectors only, market cap unknown until a refresh.
  ['world-liberty-financial', 'WLFI', 'World Liberty Financial', 'DeFi', null],
  ['aster-2', 'ASTER', 'Aster', 'DeFi,exchange', null],
  ['pump-fun', 'PUMP', 'Pump.fun', 'meme,exchange', null],
  ['plasma', 'XPL', 'Plasma', 'L1,payments', null],
  ['monad', 'MON', 'Monad', 'L1', null],
  ['linea', 'LINEA', 'Linea', 'L2', null],
];

/** Build the catalog object from the table (validated; throws on inconsistencies). */
export function buildCatalogFile(): CatalogFile {
  const assets: AssetInfo[] = ROWS.map(([coingeckoId, symbol, name, sectors, capBn]) => {
    const tags = sectors.split(',') as Sector[];
    return {
      symbol,
      name,
      sectors: tags,
      stablecoin: tags[0] === 'stablecoin',
      // Rounded to 3 significant digits: these are approximations, not quotes.
      marketCapUsd: capBn === null ? null : Number((capBn * 1e9).toPrecision(3)),
      rank: null,
      coingeckoId,
    };
  });
  // Known caps first, largest first; unknown caps keep table order at the end with rank null.
  const known = assets.filter((a) => a.marketCapUsd !== null).sort(byCapDesc);
  known.forEach((a, i) => {
    a.rank = i + 1;
  });
  assets.splice(0, assets.length, ...known, ...assets.filter((a) => a.marketCapUsd === null));
  const ids = new Set(assets.map((a) => a.coingeckoId));
  if (ids.size !== assets.length) throw new Error('duplicate CoinGecko id in the catalog table');
  return parseCatalogFile({ version: CATALOG_VERSION, asOf: CATALOG_AS_OF, source: CATALOG_SOURCE, assets });
}

export function serializeCatalog(file: CatalogFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'catalog.json');
  const text = serializeCatalog(buildCatalogFile());
  if (process.argv.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== text) {
      process.stderr.write('assets/catalog.json is out of date: run npx tsx scripts/build-catalog.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    process.stdout.write(`wrote ${out}\n`);
  }
}
