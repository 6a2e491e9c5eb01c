/** Main-process handlers of the grades channels (shared/ipc/channels/grades.ts). */
import type { gradesChannels } from '../../../shared/ipc/channels/grades';
import type { FeatureHandlers, ServiceContext } from '../context';
import { gradesService } from '../grades-service';
import { GradeReports } from '../grade-report';

export function gradesHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof gradesChannels> {
  const service = gradesService(ctx);
  const reports = new GradeReports(ctx);
  return {
    'grades:list': () => service.list(),
    'grades:detail': ({ symbol }) => service.detail(symbol),
    'grades:report': () => reports.card(),
  };
}
