/**
 * Trader Grade / Investor Grade engine. Pure: daily candles (and optionally market cap) in,
 * transparent 0-100 grades with per-factor explanations out. See docs/GRADES.md.
 */
export * from './factors';
export * from './scales';
export * from './grades';
export * from './quadrant';
export { OSC_WARMUP, INVESTOR_LOOKBACK, WIN as GRADE_WINDOWS } from './engine';
