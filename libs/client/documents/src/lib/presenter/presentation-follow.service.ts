import { Injectable, signal } from '@angular/core';
import type { FollowMode } from './live-ink';

/**
 * Whether this person follows a meeting's presentation, kept for the app's life so that "Theo dõi" on the meeting
 * page carries into the reader it opens, and "Tách ra" stays detached across page changes.
 */
@Injectable({ providedIn: 'root' })
export class PresentationFollow {
  private readonly modes = signal<Readonly<Record<string, FollowMode>>>({});

  mode(meetingId: string): FollowMode {
    return this.modes()[meetingId] ?? 'none';
  }

  set(meetingId: string, mode: FollowMode): void {
    this.modes.update((m) => ({ ...m, [meetingId]: mode }));
  }
}
