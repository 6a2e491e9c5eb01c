/**
 * Grade calibration: measures the Trader and Investor grades against what happened next on real
 * history, fits factor anchors and weights on a past window, and renders the tables of
 * docs/GRADES.md. Pure: used by cli/grades-calibrate.ts, the app's report card and the tests.
 */
export * from './stats';
export * from './panel';
export * from './fit';
export * from './evaluate';
export * from './run';
export * from './report';
export * from './report-card';
