/** Cost basis and P&L (FIFO or average cost), transfer matching, cash flows and returns (simple, TWR, MWR). */
export * from './lots';
export * from './transfers';
export * from './cost-basis';
export * from './flows';
export * from './returns';
