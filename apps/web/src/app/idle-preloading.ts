import { Injectable } from '@angular/core';
import type { PreloadingStrategy, Route } from '@angular/router';
import { type Observable, mergeMap, of, timer } from 'rxjs';

/** Routes marked with this in their `data` have their code fetched and compiled while the app is idle. */
export const PRELOAD_WHEN_IDLE = 'preloadWhenIdle';

/** Long enough for the page just opened to draw and fetch its own data first. */
const PRELOAD_DELAY_MS = 1000;

/**
 * Fetches the marked lazy routes a moment after start, so that tapping into them later (a site operator joining the
 * conference from the meeting page) does not wait for their chunk. Unmarked routes load on first use as before.
 */
@Injectable({ providedIn: 'root' })
export class IdlePreloading implements PreloadingStrategy {
  preload(route: Route, load: () => Observable<unknown>): Observable<unknown> {
    return route.data?.[PRELOAD_WHEN_IDLE] ? timer(PRELOAD_DELAY_MS).pipe(mergeMap(() => load())) : of(null);
  }
}
