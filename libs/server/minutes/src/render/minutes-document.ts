import type { ParticipantDto } from '@phonghop/contracts';
import { type MeetingFacts, MINUTES_TIME_ZONE, sessionStart } from '../facts/meeting-facts';
import type { MinutesPdfInput } from '../minutes-pdf';
import { type MeetingMinutesEntity, itemsOf } from '../minutes.entity';

/** The first participant with the role, one's own seat before a proxy's. */
export const firstOf = (facts: Pick<MeetingFacts, 'participants'>, role: ParticipantDto['meetingRole']) =>
  facts.participants.find((p) => p.meetingRole === role && !p.representsUserId) ?? facts.participants.find((p) => p.meetingRole === role);

/**
 * The renderer's input for one stored version. The facts lines of the Decree 30 form (time, place, attendance,
 * chair, secretary) are the first paragraphs of the body, written into the draft from the record, so the secretary
 * can correct them and they are printed once; the header and signatures come from the meeting as it is now.
 */
export function pdfInputOf(row: MeetingMinutesEntity, facts: MeetingFacts): MinutesPdfInput {
  const chair = firstOf(facts, 'chair');
  const finalizer = facts.participants.find((p) => p.userId === row.finalizedById && p.meetingRole === 'secretary');
  const secretary = finalizer ?? firstOf(facts, 'secretary');
  const minutes = row.kind === 'minutes';
  return {
    kind: row.kind,
    parentBody: facts.unit?.parentName ?? null,
    issuingBody: facts.unit?.name ?? facts.meeting.organiserUnitName ?? '',
    number: row.number,
    place: facts.meeting.location ?? facts.unit?.name ?? '',
    date: sessionStart(facts),
    timeZone: MINUTES_TIME_ZONE,
    title: facts.meeting.title,
    facts: [],
    bodyHtml: row.bodyHtml,
    items: itemsOf(row).map((i) => ({ title: i.title, conclusionHtml: i.conclusionHtml })),
    // Minutes are signed by whoever kept them and by the chair; a notice of conclusions by the chair alone.
    signatures: minutes
      ? [
          { role: 'Thư ký', name: secretary?.fullName ?? '', field: 'secretary' },
          { role: 'Chủ tọa', name: chair?.fullName ?? '', field: 'chair' },
        ]
      : [{ role: 'Chủ tọa', name: chair?.fullName ?? '', field: 'chair' }],
    recipients: minutes ? ['Lưu: VT, hồ sơ cuộc họp'] : ['Các đại biểu dự họp', 'Lưu: VT'],
    version: row.version,
    finalized: row.status === 'final',
  };
}

/** ASCII words of a title: "Phiên họp thường kỳ" → "phien-hop-thuong-ky". */
export function slug(text: string, max = 60): string {
  const ascii = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const words = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return words.slice(0, max).replace(/-+$/, '');
}

/** "Biên bản - <title> (phiên bản 2).pdf", with its ASCII form "bien-ban-<title>-v2.pdf" for old clients. */
export function pdfFileName(row: Pick<MeetingMinutesEntity, 'kind' | 'version' | 'status'>, meetingTitle: string): { name: string; ascii: string } {
  const type = row.kind === 'minutes' ? 'Biên bản' : 'Thông báo kết luận';
  const draft = row.status === 'final' ? '' : ', dự thảo';
  const title = fileTitle(meetingTitle);
  return {
    name: `${type} - ${title} (phiên bản ${row.version}${draft}).pdf`,
    ascii: `${[slug(type), slug(title), `v${row.version}`, draft ? 'du-thao' : ''].filter(Boolean).join('-')}.pdf`,
  };
}

/** A title as part of a file name: no control characters, nothing a file system refuses. */
export function fileTitle(text: string): string {
  return [...text].filter((c) => c >= ' ').join('').replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim();
}
