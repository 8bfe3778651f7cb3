import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  type AddParticipantsRequest,
  type AgendaItemDto,
  type CreateAgendaItemRequest,
  type CreateMeetingRequest,
  type DelegateCandidateDto,
  type MeetingDetailDto,
  type MeetingRole,
  type MeetingTransition,
  type MyMeetingDto,
  type ParticipantDto,
  type ReorderAgendaRequest,
  type RsvpRequest,
  type SiteParticipantDto,
  type UpdateAgendaItemRequest,
  type UpdateMeetingRequest,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/** Lifecycle moves without a body; cancelling needs a reason and has its own method. */
export type SimpleMeetingTransition = Exclude<MeetingTransition, 'cancel'>;

@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_PREFIX}/meetings`;

  /** Meetings the signed-in person takes part in, whatever their role. */
  mine(): Observable<MyMeetingDto[]> {
    return this.http.get<MyMeetingDto[]>(`${this.base}/mine`);
  }

  /** A new draft; the caller becomes its secretary (system roles secretary/admin). */
  create(body: CreateMeetingRequest): Observable<MeetingDetailDto> {
    return this.http.post<MeetingDetailDto>(this.base, body);
  }

  get(id: string): Observable<MeetingDetailDto> {
    return this.http.get<MeetingDetailDto>(this.meeting(id));
  }

  update(id: string, body: UpdateMeetingRequest): Observable<MeetingDetailDto> {
    return this.http.patch<MeetingDetailDto>(this.meeting(id), body);
  }

  /** Publish (sends the invitations), start, end or archive. */
  transition(id: string, transition: SimpleMeetingTransition): Observable<MeetingDetailDto> {
    return this.http.post<MeetingDetailDto>(`${this.meeting(id)}/${transition}`, null);
  }

  cancel(id: string, reason: string): Observable<MeetingDetailDto> {
    return this.http.post<MeetingDetailDto>(`${this.meeting(id)}/cancel`, { reason });
  }

  /** Same-origin link for the calendar file; the session cookie authorises the download. */
  invitationUrl(id: string): string {
    return `${this.meeting(id)}/invitation.ics`;
  }

  participants(id: string): Observable<ParticipantDto[]> {
    return this.http.get<ParticipantDto[]>(`${this.meeting(id)}/participants`);
  }

  addParticipants(id: string, body: AddParticipantsRequest): Observable<ParticipantDto[]> {
    return this.http.post<ParticipantDto[]>(`${this.meeting(id)}/participants`, body);
  }

  changeParticipantRole(id: string, participantId: string, meetingRole: MeetingRole): Observable<ParticipantDto[]> {
    return this.http.patch<ParticipantDto[]>(`${this.meeting(id)}/participants/${encodeURIComponent(participantId)}`, { meetingRole });
  }

  removeParticipant(id: string, participantId: string): Observable<void> {
    return this.http.delete<void>(`${this.meeting(id)}/participants/${encodeURIComponent(participantId)}`);
  }

  /** The sites (điểm cầu) invited to the meeting, in the province → district → commune order. */
  sites(id: string): Observable<SiteParticipantDto[]> {
    return this.http.get<SiteParticipantDto[]>(`${this.meeting(id)}/sites`);
  }

  /** Takes a site off the meeting, with its operators' invitations. */
  removeSite(id: string, siteId: string): Observable<void> {
    return this.http.delete<void>(`${this.meeting(id)}/sites/${encodeURIComponent(siteId)}`);
  }

  /** People a participant may send in their place: names only, active accounts not yet invited. */
  delegateCandidates(id: string, search: string): Observable<DelegateCandidateDto[]> {
    return this.http.get<DelegateCandidateDto[]>(`${this.meeting(id)}/delegate-candidates`, { params: { search } });
  }

  /** Attend, decline with a reason, or send someone in one's place (ủy quyền). */
  rsvp(id: string, body: RsvpRequest): Observable<ParticipantDto[]> {
    return this.http.post<ParticipantDto[]>(`${this.meeting(id)}/rsvp`, body);
  }

  /** Items and sub-items in reading order. */
  agenda(id: string): Observable<AgendaItemDto[]> {
    return this.http.get<AgendaItemDto[]>(`${this.meeting(id)}/agenda`);
  }

  addAgendaItem(id: string, body: CreateAgendaItemRequest): Observable<AgendaItemDto> {
    return this.http.post<AgendaItemDto>(`${this.meeting(id)}/agenda`, body);
  }

  updateAgendaItem(id: string, itemId: string, body: UpdateAgendaItemRequest): Observable<AgendaItemDto> {
    return this.http.patch<AgendaItemDto>(`${this.meeting(id)}/agenda/${encodeURIComponent(itemId)}`, body);
  }

  deleteAgendaItem(id: string, itemId: string): Observable<void> {
    return this.http.delete<void>(`${this.meeting(id)}/agenda/${encodeURIComponent(itemId)}`);
  }

  /** The whole order at once (every item), as the drag-and-drop list shows it. */
  reorderAgenda(id: string, body: ReorderAgendaRequest): Observable<AgendaItemDto[]> {
    return this.http.put<AgendaItemDto[]>(`${this.meeting(id)}/agenda/order`, body);
  }

  private meeting(id: string): string {
    return `${this.base}/${encodeURIComponent(id)}`;
  }
}
