/**
 * The P&L and the returns as the Dashboard shows them: loaded with the view and again at every
 * portfolio revision (a sync or a history import that ended, a changed cost-basis method or base
 * currency). Used by DashboardView (holdings sparklines, PnlSection) and ReturnsCard.
 */
import { call } from '../../lib/api';
import { useLive } from '../../lib/useApi';

export function usePnl() {
  return useLive(() => call('pnl:get'), []);
}

export function useReturns() {
  return useLive(() => call('pnl:returns'), []);
}
