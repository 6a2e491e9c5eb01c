/** Imported account history: entry types, balance changes, daily holdings, prices, net worth, reconciliation. */
export * from './types';
export * from './changes';
export * from './holdings';
export * from './prices';
export * from './net-worth';
export * from './reconcile';
