import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type MeetingSummaryDto } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);

  /** Meetings the signed-in person takes part in, whatever their role. */
  mine(): Observable<MeetingSummaryDto[]> {
    return this.http.get<MeetingSummaryDto[]>(`${API_PREFIX}/meetings/mine`);
  }
}
