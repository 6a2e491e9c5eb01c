/**
 * Main-process handlers of the grades channels (shared/ipc/channels/grades.ts), over ctx.grades and
 * ctx.gradeReports.
 */
import type { gradesChannels } from '../../../shared/ipc/channels/grades';
import type { FeatureHandlers, ServiceContext } from '../context';

export function gradesHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof gradesChannels> {
  return {
    'grades:list': () => ctx.grades.list(),
    'grades:detail': ({ symbol }) => ctx.grades.detail(symbol),
    'grades:report': () => ctx.gradeReports.card(),
  };
}
