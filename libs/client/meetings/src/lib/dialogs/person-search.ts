import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MeetingsApi, UsersApi, toApiError } from '@phonghop/client-data-access';
import type { ApiErrorBody, DelegateCandidateDto, UserDto } from '@phonghop/contracts';
import { type Observable, Subject, catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';

/**
 * A debounced lookup for autocompletes: `search(text)` on every key press, read `results()`/`error()`.
 * Call inside an injection context. Texts shorter than `minLength` give no results without asking.
 */
function debouncedSearch<T>(load: (text: string) => Observable<T[]>, minLength = 0) {
  const query = new Subject<string>();
  const results = signal<T[]>([]);
  const error = signal<ApiErrorBody | null>(null);
  const searching = signal(false);
  query
    .pipe(
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((text) => {
        if (text.length < minLength) return of([] as T[]);
        searching.set(true);
        return load(text).pipe(catchError((e: unknown) => of(toApiError(e))));
      }),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe((answer) => {
      searching.set(false);
      const ok = Array.isArray(answer);
      results.set(ok ? answer : []);
      error.set(ok ? null : answer);
    });
  return {
    results: results.asReadonly(),
    error: error.asReadonly(),
    searching: searching.asReadonly(),
    search: (text: string | T | null) => query.next(typeof text === 'string' ? text.trim() : ''),
  };
}

/** The user directory (`GET /api/users?search=`, secretaries and admins), minus people to leave out. */
export function personSearch(exclude: () => ReadonlySet<string>) {
  const usersApi = inject(UsersApi);
  return debouncedSearch<UserDto>((text) =>
    usersApi.list({ search: text }).pipe(map((users) => users.filter((u) => !u.disabled && !exclude().has(u.id)).slice(0, 20))),
  );
}

/** People a participant may delegate to (`GET …/delegate-candidates`): any participant may ask. */
export function delegateCandidateSearch(meetingId: string) {
  const api = inject(MeetingsApi);
  return debouncedSearch<DelegateCandidateDto>((text) => api.delegateCandidates(meetingId, text), 2);
}
