/**
 * The sweep form's axes (renderer/src/views/indexlab/sweep-axes.ts): a typed list of values parses to
 * engine values and labels for each kind of parameter, with a plain error otherwise, and every
 * parameter the form offers is one the engine's sweep accepts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SWEEP_CELLS, defaultIndexSpec, parseIndexSpec, setSpecParam } from '../../shared/indexlab';
import {
  AXIS_KEYS,
  MAX_AXIS_VALUES,
  SWEEP_PARAMS,
  cellsError,
  parseAxis,
  parseGrid,
  type SweepForm,
} from '../../renderer/src/views/indexlab/sweep-axes';

describe('parseAxis by kind of parameter', () => {
  it('enum: matches the options whatever the case, with commas, semicolons or spaces between', () => {
    expect(parseAxis('cadence', 'Weekly; MONTHLY quarterly')).toEqual({
      values: ['weekly', 'monthly', 'quarterly'],
      labels: ['weekly', 'monthly', 'quarterly'],
    });
    expect(parseAxis('method', 'equal,signal')).toEqual({ values: ['equal', 'signal'], labels: ['equal', 'signal'] });
    expect(parseAxis('cadence', 'weekly, daily')).toEqual({
      error: '"daily" is not one of weekly, monthly, quarterly, threshold',
    });
  });

  it('number: any finite number, as typed', () => {
    expect(parseAxis('feeBps', '0, 10, 12.5')).toEqual({ values: [0, 10, 12.5], labels: ['0', '10', '12.5'] });
    expect(parseAxis('slippageBps', '5 lots')).toEqual({ error: '"lots" is not a number' });
  });

  it('int: whole numbers only', () => {
    expect(parseAxis('n', '5, 10, 20')).toEqual({ values: [5, 10, 20], labels: ['5', '10', '20'] });
    expect(parseAxis('maDays', '50, 7.5')).toEqual({ error: '"7.5" is not a whole number' });
  });

  it('pct: percentages become fractions, with or without the % sign', () => {
    expect(parseAxis('band', '2, 5%, 10')).toEqual({ values: [0.02, 0.05, 0.1], labels: ['2%', '5%', '10%'] });
  });

  it('pct-or-none: "none" (or "no") means no cap', () => {
    expect(parseAxis('maxWeight', '15, 25, none')).toEqual({
      values: [0.15, 0.25, null],
      labels: ['15%', '25%', 'no cap'],
    });
    expect(parseAxis('maxWeight', 'No')).toEqual({ values: [null], labels: ['no cap'] });
    expect(parseAxis('band', 'none')).toEqual({ error: '"none" is not a number' });
  });

  it('bool: on/off and their synonyms', () => {
    expect(parseAxis('riskOff', 'off, on')).toEqual({ values: [false, true], labels: ['off', 'on'] });
    expect(parseAxis('riskOff', 'YES 0')).toEqual({ values: [true, false], labels: ['on', 'off'] });
    expect(parseAxis('riskOff', 'maybe')).toEqual({ error: '"maybe" should be on or off' });
  });
});

describe('parseAxis lists', () => {
  it('asks for values, with the parameter’s example, when the list is empty', () => {
    expect(parseAxis('feeBps', '')).toEqual({ error: 'list one or more values, e.g. 0, 10, 50' });
    expect(parseAxis('cadence', ' ,; ')).toEqual({ error: 'list one or more values, e.g. weekly, monthly, quarterly' });
  });

  it('takes lists only: a range is not a number', () => {
    expect(parseAxis('n', '5..25')).toEqual({ error: '"5..25" is not a number' });
  });

  it(`takes at most ${MAX_AXIS_VALUES} values`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i).join(', ');
    expect(parseAxis('feeBps', list(MAX_AXIS_VALUES))).toHaveProperty('values');
    expect(parseAxis('feeBps', list(MAX_AXIS_VALUES + 1))).toEqual({ error: 'at most 50 values per axis' });
  });

  it('refuses a value listed twice, also when written differently', () => {
    expect(parseAxis('feeBps', '10, 10.0')).toEqual({ error: 'a value is listed twice' });
    expect(parseAxis('cadence', 'weekly WEEKLY')).toEqual({ error: 'a value is listed twice' });
    expect(parseAxis('maxWeight', 'none, no')).toEqual({ error: 'a value is listed twice' });
  });
});

describe('every sweep parameter', () => {
  for (const key of AXIS_KEYS) {
    it(`${key}: its example parses, and each value gives a valid spec in the engine`, () => {
      const parsed = parseAxis(key, SWEEP_PARAMS[key].example);
      if ('error' in parsed) throw new Error(parsed.error);
      expect(parsed.values.length).toBeGreaterThan(1);
      for (const value of parsed.values) {
        const spec = parseIndexSpec(setSpecParam(defaultIndexSpec(), key, value));
        expect(spec.ok, `${key} = ${String(value)}`).toBe(true);
      }
    });
  }
});

describe('parseGrid', () => {
  const form: SweepForm = {
    xParam: 'cadence',
    xValues: 'weekly, monthly, quarterly',
    yParam: 'feeBps',
    yValues: '0, 50',
    metric: 'sharpe',
  };

  it('gives the engine grid, the labels and the number of cells', () => {
    const g = parseGrid(form);
    expect(g).toEqual({
      ok: true,
      grid: {
        axisX: { param: 'cadence', values: ['weekly', 'monthly', 'quarterly'] },
        axisY: { param: 'feeBps', values: [0, 50] },
      },
      xParam: 'cadence',
      yParam: 'feeBps',
      xLabels: ['weekly', 'monthly', 'quarterly'],
      yLabels: ['0', '50'],
      cells: 6,
    });
  });

  it('reports each axis’s error, and the same parameter twice on y', () => {
    expect(parseGrid({ ...form, xValues: 'daily', yValues: 'x' })).toEqual({
      ok: false,
      x: '"daily" is not one of weekly, monthly, quarterly, threshold',
      y: '"x" is not a number',
    });
    expect(parseGrid({ ...form, yParam: 'cadence', yValues: 'x' })).toEqual({
      ok: false,
      y: 'choose a different parameter for each axis',
    });
  });

  it(`refuses grids over the engine’s ${MAX_SWEEP_CELLS} cells`, () => {
    expect(cellsError(MAX_SWEEP_CELLS)).toBeNull();
    expect(cellsError(MAX_SWEEP_CELLS + 1)).toBe('2501 cells; the limit is 2,500');
    // The longest lists (50 values each) make exactly the largest grid the engine runs.
    const fifty = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => i).join(', ');
    const g = parseGrid({ ...form, xParam: 'feeBps', xValues: fifty, yParam: 'slippageBps', yValues: fifty });
    expect(g.ok && g.cells).toBe(MAX_SWEEP_CELLS);
    expect(g.ok && cellsError(g.cells)).toBeNull();
  });
});
