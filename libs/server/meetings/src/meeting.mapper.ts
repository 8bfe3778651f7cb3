import type { MeetingDetailDto, MeetingRole, MeetingSummaryDto } from '@phonghop/contracts';
import type { MeetingEntity } from './meeting.entity';

export function toMeetingSummary(m: MeetingEntity, myRole: MeetingRole, organiserUnitName: string | null): MeetingSummaryDto {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    location: m.location,
    organiserUnitName,
    myRole,
  };
}

export function toMeetingDetail(
  m: MeetingEntity,
  myRole: MeetingRole,
  organiserUnitName: string | null,
  participatingUnitIds: string[],
  participatingSiteIds: string[],
): MeetingDetailDto {
  return {
    ...toMeetingSummary(m, myRole, organiserUnitName),
    confidentiality: m.confidentiality,
    description: m.description,
    organiserUnitId: m.organiserUnitId,
    participatingUnitIds,
    participatingSiteIds,
    upperMeetingId: m.upperMeetingId ?? null,
    cancelReason: m.cancelReason,
    publishedAt: m.publishedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
