import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  type CreateUserRequest,
  type ResetPasswordRequest,
  type UpdateUserRequest,
  type UserDto,
  type UserListQuery,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_PREFIX}/users`;

  list(query: UserListQuery = {}): Observable<UserDto[]> {
    let params = new HttpParams();
    if (query.search?.trim()) params = params.set('search', query.search.trim());
    if (query.unitId) params = params.set('unitId', query.unitId);
    if (query.role) params = params.set('role', query.role);
    if (query.includeDisabled) params = params.set('includeDisabled', 'true');
    return this.http.get<UserDto[]>(this.base, { params });
  }

  create(body: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(this.base, body);
  }

  update(id: string, body: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${this.base}/${encodeURIComponent(id)}`, body);
  }

  resetPassword(id: string, body: ResetPasswordRequest): Observable<void> {
    return this.http.post<void>(`${this.base}/${encodeURIComponent(id)}/reset-password`, body);
  }

  /** Clears the account's sign-in delays (wrong passwords counted from every address). */
  unlock(id: string): Observable<void> {
    return this.http.post<void>(`${this.base}/${encodeURIComponent(id)}/unlock`, null);
  }
}
