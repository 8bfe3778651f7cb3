import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type ChangePasswordRequest, type CurrentSessionDto, type LoginRequest } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_PREFIX}/auth`;

  login(body: LoginRequest): Observable<CurrentSessionDto> {
    return this.http.post<CurrentSessionDto>(`${this.base}/login`, body);
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${this.base}/logout`, null);
  }

  me(): Observable<CurrentSessionDto> {
    return this.http.get<CurrentSessionDto>(`${this.base}/me`);
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${this.base}/password`, body);
  }
}
