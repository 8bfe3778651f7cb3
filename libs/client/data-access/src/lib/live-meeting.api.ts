import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  DISPLAY_TOKEN_HEADER,
  type CheckInCodeDto,
  type CreatedDisplayDto,
  type DisplayDto,
  type DisplayInfoDto,
  type RecordEventDto,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * REST beside the live meeting's socket: check-in with the hall's QR code, the code for hosts, the hall's display
 * links, and the display's own view of its meeting (by its token, sent in a header and never in a URL).
 */
@Injectable({ providedIn: 'root' })
export class LiveMeetingApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_PREFIX}/meetings`;

  checkIn(meetingId: string, code: string): Observable<void> {
    return this.http.post<void>(`${this.meeting(meetingId)}/check-in`, { code });
  }

  checkInCode(meetingId: string): Observable<CheckInCodeDto> {
    return this.http.get<CheckInCodeDto>(`${this.meeting(meetingId)}/check-in-code`);
  }

  /** A new code: the old QR (a photo of it sent round) stops checking anyone in. */
  renewCheckInCode(meetingId: string): Observable<CheckInCodeDto> {
    return this.http.post<CheckInCodeDto>(`${this.meeting(meetingId)}/check-in-code/renew`, null);
  }

  record(meetingId: string): Observable<RecordEventDto[]> {
    return this.http.get<RecordEventDto[]>(`${this.meeting(meetingId)}/record`);
  }

  displays(meetingId: string): Observable<DisplayDto[]> {
    return this.http.get<DisplayDto[]>(`${this.meeting(meetingId)}/displays`);
  }

  createDisplay(meetingId: string, label: string): Observable<CreatedDisplayDto> {
    return this.http.post<CreatedDisplayDto>(`${this.meeting(meetingId)}/displays`, { label });
  }

  revokeDisplay(meetingId: string, displayId: string): Observable<void> {
    return this.http.delete<void>(`${this.meeting(meetingId)}/displays/${encodeURIComponent(displayId)}`);
  }

  /** The hall display's meeting, agenda and check-in code; public, the token opens this one meeting. */
  displayInfo(token: string): Observable<DisplayInfoDto> {
    return this.http.get<DisplayInfoDto>(`${API_PREFIX}/display`, { headers: new HttpHeaders({ [DISPLAY_TOKEN_HEADER]: token }) });
  }

  private meeting(id: string): string {
    return `${this.base}/${encodeURIComponent(id)}`;
  }
}
