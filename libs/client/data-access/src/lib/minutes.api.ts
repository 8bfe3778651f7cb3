import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  type FinalizeMinutesRequest,
  type MeetingStatisticsDto,
  type MinutesDto,
  type MinutesKind,
  type MinutesVersionDto,
  type SaveMinutesDraftRequest,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * Minutes (biên bản) and conclusions (thông báo kết luận) of a meeting, their PDFs, and the meeting's statistics.
 * Saves are optimistic: they carry the version and revision they were made on, and a stale one fails with
 * MINUTES_CONFLICT (see `libs/shared/contracts/src/minutes.ts`).
 */
@Injectable({ providedIn: 'root' })
export class MinutesApi {
  private readonly http = inject(HttpClient);

  /** The latest version the caller may read: draft or final for the chair and secretaries, final for others. */
  latest(meetingId: string, kind: MinutesKind): Observable<MinutesDto> {
    return this.http.get<MinutesDto>(this.kind(meetingId, kind));
  }

  /** The draft to edit (secretaries): the current one, or a new one (pre-filled, or a correction of the final). */
  startDraft(meetingId: string, kind: MinutesKind): Observable<MinutesDto> {
    return this.http.post<MinutesDto>(this.draftUrl(meetingId, kind), null);
  }

  saveDraft(meetingId: string, kind: MinutesKind, body: SaveMinutesDraftRequest): Observable<MinutesDto> {
    return this.http.put<MinutesDto>(this.draftUrl(meetingId, kind), body);
  }

  /** Makes the current draft final; with `baseRevision`, refused if the draft changed since it was read. */
  finalize(meetingId: string, kind: MinutesKind, baseRevision?: number): Observable<MinutesDto> {
    const body: FinalizeMinutesRequest = baseRevision === undefined ? {} : { baseRevision };
    return this.http.post<MinutesDto>(`${this.kind(meetingId, kind)}/finalize`, body);
  }

  /** Newest first; others than the chair and secretaries get final versions only. */
  versions(meetingId: string, kind: MinutesKind): Observable<MinutesVersionDto[]> {
    return this.http.get<MinutesVersionDto[]>(`${this.kind(meetingId, kind)}/versions`);
  }

  /** The PDF of one version (a plain link: the server names the file; drafts are marked DỰ THẢO). */
  pdfUrl(meetingId: string, kind: MinutesKind, version: number): string {
    return `${this.kind(meetingId, kind)}/versions/${version}/pdf`;
  }

  /** Where drafts are saved (also used by a `keepalive` fetch when the tab closes). */
  draftUrl(meetingId: string, kind: MinutesKind): string {
    return `${this.kind(meetingId, kind)}/draft`;
  }

  /** Attendance, durations against plan, speakers and document distribution (chair and secretaries). */
  statistics(meetingId: string): Observable<MeetingStatisticsDto> {
    return this.http.get<MeetingStatisticsDto>(`${this.meeting(meetingId)}/statistics`);
  }

  private meeting(id: string): string {
    return `${API_PREFIX}/meetings/${encodeURIComponent(id)}`;
  }

  private kind(meetingId: string, kind: MinutesKind): string {
    return `${this.meeting(meetingId)}/minutes/${kind}`;
  }
}
