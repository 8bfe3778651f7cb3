import { Injectable, inject } from '@angular/core';
import { VotingApi } from '@phonghop/client-data-access';
import type { VoteResultDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * Closed votes' sealed records, fetched on demand (the named list, a receipt check) and kept: a sealed record
 * never changes, and a hall of tablets should not fetch thousands of names twice.
 */
@Injectable({ providedIn: 'root' })
export class ResultRecords {
  private readonly api = inject(VotingApi);
  private readonly cache = new Map<string, Promise<VoteResultDto>>();

  get(meetingId: string, motionId: string, displayToken?: string): Promise<VoteResultDto> {
    let pending = this.cache.get(motionId);
    if (!pending) {
      pending = firstValueFrom(this.api.result(meetingId, motionId, displayToken));
      // A failure is not kept: the next tap tries again.
      pending.catch(() => this.cache.delete(motionId));
      this.cache.set(motionId, pending);
    }
    return pending;
  }
}
