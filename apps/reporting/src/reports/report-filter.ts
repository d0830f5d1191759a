import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { canAccessVenue, Principal } from '@hub/auth';
import type { ReportQueryDto } from './dto/report-query.dto';

/** What a report reads: null means no restriction. */
export interface ReportFilter {
  venueIds: string[] | null;
  channels: string[] | null;
  from: Date | null;
  to: Date | null;
}

/**
 * The venues a report covers. Every venue named must be in the token's venues: one that is not is
 * refused (403), never silently left out. None named: the token's venues (head office: every venue).
 */
export function resolveReportFilter(principal: Principal, query: ReportQueryDto): ReportFilter {
  const named = query.venueId && query.venueId.length > 0 ? query.venueId : null;
  for (const venueId of named ?? []) {
    if (!canAccessVenue(principal, venueId))
      throw new ForbiddenException(`this token is not scoped to venue ${venueId}`);
  }
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from && to && from.getTime() >= to.getTime()) throw new BadRequestException('from must be before to');
  return {
    venueIds: named ?? (principal.venues === '*' ? null : principal.venues),
    channels: query.channel && query.channel.length > 0 ? query.channel : null,
    from,
    to,
  };
}
