import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type ConferenceRecordingDto } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/** REST side of conferences: recordings (the live conference itself goes over the realtime socket). */
@Injectable({ providedIn: 'root' })
export class ConferenceApi {
  private readonly http = inject(HttpClient);

  recordings(meetingId: string): Observable<ConferenceRecordingDto[]> {
    return this.http.get<ConferenceRecordingDto[]>(`${API_PREFIX}/meetings/${encodeURIComponent(meetingId)}/recordings`);
  }

  recordingFileUrl(meetingId: string, recordingId: string): string {
    return `${API_PREFIX}/meetings/${encodeURIComponent(meetingId)}/recordings/${encodeURIComponent(recordingId)}/file`;
  }
}
