import type { Route } from '@angular/router';
import { type Observable, firstValueFrom, of } from 'rxjs';
import { IdlePreloading, PRELOAD_WHEN_IDLE } from './idle-preloading';

describe('IdlePreloading', () => {
  const strategy = new IdlePreloading();
  let loads: number;
  const load = (): Observable<string> => {
    loads++;
    return of('chunk');
  };

  beforeEach(() => {
    loads = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('leaves unmarked routes to load on first use', async () => {
    const route: Route = { path: 'admin' };
    await expect(firstValueFrom(strategy.preload(route, load))).resolves.toBeNull();
    expect(loads).toBe(0);
  });

  it('fetches a marked route once the app has had a moment to itself', async () => {
    const route: Route = { path: 'meetings/:meetingId/conference', data: { [PRELOAD_WHEN_IDLE]: true } };
    const loaded = firstValueFrom(strategy.preload(route, load));
    jest.advanceTimersByTime(999);
    expect(loads).toBe(0);
    jest.advanceTimersByTime(1);
    await expect(loaded).resolves.toBe('chunk');
    expect(loads).toBe(1);
  });
});
