import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type ClientSettingsDto } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/** The server's settings for the web app (public, read once at start). */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  get(): Observable<ClientSettingsDto> {
    return this.http.get<ClientSettingsDto>(`${API_PREFIX}/settings`);
  }
}
