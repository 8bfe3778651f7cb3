import { type MinutesItemDto, type MinutesKind, type ParticipantDto, type VoteResultDto, countQuorum, itemElapsedSeconds } from '@phonghop/contracts';
import { formatDecreeDate } from '../minutes-header';
import { sanitizeMinutesHtml } from '../minutes-html';
import { type MeetingFacts, MINUTES_TIME_ZONE, type PersonAttendance, type Speech, attendanceOf, rosterOf, sessionStart, speechesOf } from '../facts/meeting-facts';
import { clockVi, dateTimeVi, durationVi, escapeHtml as esc, lowerFirst, sameDay } from '../facts/vietnamese-format';
import { voteLineVi } from '../facts/vote-words';

/** What a first draft holds: the body the secretary edits and, for conclusions, one entry per agenda item. */
export interface DraftContent {
  bodyHtml: string;
  items: MinutesItemDto[];
}

const p = (html: string) => `<p>${html}</p>`;
const fact = (label: string, value: string) => p(`${esc(label)}: ${value}`);
const person = (x: Pick<ParticipantDto, 'fullName' | 'title'>) => esc(x.title ? `${x.fullName}, ${x.title}` : x.fullName);
const withUnit = (name: string, unit: string | null) => esc(unit ? `${name} (${unit})` : name);

/**
 * The first draft, pre-filled from the meeting and its running record, as the small HTML subset the editor and
 * the PDF share. Minutes follow the Decree 30/2020 form (time, place, who attended, chair, secretary, then the
 * proceedings item by item with the speakers in order, then the closing time); conclusions open with who chaired
 * what and list the agenda items for the chair's conclusion on each.
 */
export function draftContent(kind: MinutesKind, facts: MeetingFacts, secretary: Pick<ParticipantDto, 'fullName' | 'title'>): DraftContent {
  const html = kind === 'minutes' ? minutesBody(facts, secretary) : conclusionsBody(facts);
  const items = kind === 'conclusions' ? facts.agenda.map((i) => ({ itemId: i.id, title: i.title, conclusionHtml: null })) : [];
  return { bodyHtml: sanitizeMinutesHtml(html), items };
}

function chairOf(facts: MeetingFacts): ParticipantDto | undefined {
  return facts.participants.find((x) => x.meetingRole === 'chair' && !x.representsUserId) ?? facts.participants.find((x) => x.meetingRole === 'chair');
}

function placeOf(facts: MeetingFacts): string {
  const sites = [...new Set([...facts.siteOfAccount.values()].map((s) => s.name))];
  const place = facts.meeting.location ?? facts.unit?.name ?? '';
  if (!sites.length) return esc(place);
  return esc(`${place}${place ? '; ' : ''}kết nối trực tuyến với ${sites.length} điểm cầu (${sites.join(', ')})`);
}

function attendanceLines(facts: MeetingFacts, people: PersonAttendance[]): string {
  const present = people.filter((a) => a.present);
  const atSites = present.filter((a) => a.siteId).length;
  const quorum = countQuorum(rosterOf(facts.participants), Object.fromEntries(facts.attendance.map((a) => [a.userId, a])), facts.floor.quorum);
  const summary =
    `có mặt ${present.length}/${people.length} đại biểu được mời (tại hội trường: ${present.length - atSites}; tại các điểm cầu: ${atSites})` +
    (quorum.members ? `; thành viên có mặt ${quorum.present}/${quorum.members}${quorum.byProxy ? ` (${quorum.byProxy} qua người được ủy quyền)` : ''}, ${quorum.reached ? 'đủ' : 'chưa đủ'} số lượng theo quy định` : '');
  const absent = people.filter((a) => !a.present);
  if (!absent.length) return fact('Thành phần tham dự', `${summary}.`);
  const lines = absent.map((a) => {
    const why = a.proxyName ? `ủy quyền cho ${a.proxyName} dự họp` : (a.reason ?? 'chưa rõ lý do');
    return `<li>${withUnit(a.participant.fullName, a.participant.unitName)}: ${esc(why)};</li>`;
  });
  return fact('Thành phần tham dự', `${summary}.`) + p('Vắng mặt:') + `<ul>${lines.join('')}</ul>`;
}

function speechLine(s: Speech): string {
  const who = s.isSite ? esc(s.name) : withUnit(s.name, s.unitName) + (s.siteName ? esc(` tại ${s.siteName}`) : '');
  const what = [s.kind === 'point_of_order' ? 'kiến nghị về thủ tục' : null, s.topic ? `“${s.topic}”` : null].filter(Boolean).join(', ');
  const overrun = s.overrunSeconds > 0 ? `, quá ${durationVi(s.overrunSeconds)}` : '';
  return `<li>${who}${what ? esc(` – ${what}`) : ''} (${esc(durationVi(s.seconds) + overrun)}).</li>`;
}

function itemSection(title: string, seconds: number | null, plannedMinutes: number | null, speeches: Speech[], sessionEnded: boolean): string {
  const skipped = sessionEnded ? 'không thảo luận tại cuộc họp' : 'chưa thảo luận';
  const timing = [seconds !== null ? `thời lượng ${durationVi(seconds)}` : skipped, plannedMinutes ? `dự kiến ${plannedMinutes} phút` : null].filter(Boolean).join('; ');
  const heading = `<h3>${esc(title)}</h3>` + p(`<em>(${esc(timing)})</em>`);
  if (!speeches.length) return heading + (seconds !== null ? p('Không có ý kiến phát biểu.') : '');
  return heading + p('Ý kiến phát biểu:') + `<ol>${speeches.map(speechLine).join('')}</ol>`;
}

/** One paragraph per closed vote, in the order they closed. */
const voteLines = (votes: VoteResultDto[]) => votes.map((v) => p(esc(voteLineVi(v)))).join('');

function minutesBody(facts: MeetingFacts, secretary: Pick<ParticipantDto, 'fullName' | 'title'>): string {
  const start = sessionStart(facts);
  const chair = chairOf(facts);
  const speeches = speechesOf(facts);
  const now = Date.now();
  const parts = [
    fact('Thời gian bắt đầu', esc(dateTimeVi(start))),
    fact('Địa điểm', placeOf(facts)),
    attendanceLines(facts, attendanceOf(facts)),
    fact('Chủ trì (chủ tọa)', chair ? `đồng chí ${person(chair)}` : '…'),
    fact('Thư ký (người ghi biên bản)', person(secretary)),
    '<h3>Nội dung cuộc họp</h3>',
  ];
  const opened = new Set(facts.events.filter((e) => e.kind === 'item_opened').map((e) => e.data['itemId']));
  const topLevel = facts.agenda.filter((x) => !x.parentId);
  for (const item of facts.agenda) {
    const seconds = opened.has(item.id) ? itemElapsedSeconds(facts.floor, item.id, now) : null;
    const number = item.parentId ? '' : `${topLevel.indexOf(item) + 1}. `;
    parts.push(itemSection(`${number}${item.title}`, seconds, item.plannedMinutes, speeches.filter((s) => s.itemId === item.id), facts.floor.phase === 'ended'));
    parts.push(voteLines(facts.votes.filter((v) => v.record.itemId === item.id)));
  }
  const inAgenda = (itemId: string | null) => !!itemId && facts.agenda.some((a) => a.id === itemId);
  const elsewhere = speeches.filter((s) => !inAgenda(s.itemId));
  if (elsewhere.length) parts.push(`<h3>Ý kiến ngoài chương trình</h3><ol>${elsewhere.map(speechLine).join('')}</ol>`);
  // Votes on no agenda item (or one since removed) still belong in the minutes.
  const general = facts.votes.filter((v) => !inAgenda(v.record.itemId));
  if (general.length) parts.push(`<h3>Biểu quyết khác</h3>${voteLines(general)}`);
  if (facts.floor.endedAt) {
    const end = new Date(facts.floor.endedAt);
    const when = sameDay(start, end) ? 'cùng ngày' : formatDecreeDate(end, MINUTES_TIME_ZONE);
    parts.push(p(esc(`Cuộc họp kết thúc vào ${clockVi(end)} ${when}./.`)));
  }
  return parts.join('');
}

function conclusionsBody(facts: MeetingFacts): string {
  const start = sessionStart(facts);
  const chair = chairOf(facts);
  const people = attendanceOf(facts);
  const present = people.filter((a) => a.present);
  const atSites = present.filter((a) => a.siteId).length;
  const place = facts.meeting.location ?? facts.unit?.name ?? '';
  const opening =
    `Vào ${dateTimeVi(start)}${place ? `, tại ${place}` : ''}, ${chair ? `đồng chí ${chair.title ? `${chair.fullName}, ${chair.title}` : chair.fullName}` : 'chủ tọa'} ` +
    `chủ trì ${lowerFirst(facts.meeting.title)}. Tham dự có ${present.length} đại biểu (tại hội trường: ${present.length - atSites}; tại các điểm cầu: ${atSites}).`;
  const closing = `Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, ${chair ? `đồng chí ${chair.fullName}` : 'chủ tọa'} kết luận như sau:`;
  return p(esc(opening)) + p(esc(closing));
}
