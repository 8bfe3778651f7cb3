import { Injectable } from '@nestjs/common';

/**
 * Changes to one meeting run one after another in this process, floor and attendance alike: a check-in sent twice at
 * once is read-then-written once, not twice. Across processes the floor's version guards, and attendance rows are
 * one per person.
 */
@Injectable()
export class MeetingLanes {
  private readonly lanes = new Map<string, Promise<unknown>>();

  run<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const lane = (this.lanes.get(meetingId) ?? Promise.resolve()).then(work, work);
    const tail = lane.catch(() => undefined);
    this.lanes.set(meetingId, tail);
    void tail.then(() => {
      if (this.lanes.get(meetingId) === tail) this.lanes.delete(meetingId);
    });
    return lane;
  }
}
