/**
 * Allocation domain: classification, diversification breakdown, targets and drift,
 * rebalance plans and the allocation-rules engine. Pure: no I/O.
 */
export * from './classify';
export * from './breakdown';
export * from './targets';
export * from './rebalance';
export * from './rules';
