import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  DISPLAY_TOKEN_HEADER,
  type ChainVerificationDto,
  type CreateMotionRequest,
  type MotionDto,
  type UpdateMotionRequest,
  type UpdateVoteSettingsRequest,
  type VoteResultDto,
  type VoteSettingsDto,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * Voting (biểu quyết) over REST: preparing motions (hosts; drafts only may change), the meeting's vote settings,
 * a closed vote's sealed record and PDF, and the result chain's verification. Opening, closing and casting go over
 * the socket (`RealtimeClient.voteRequest`), where the room's `votes` slice shows their effect to everyone.
 */
@Injectable({ providedIn: 'root' })
export class VotingApi {
  private readonly http = inject(HttpClient);

  /** Hosts see drafts too; everyone else open and closed motions. */
  motions(meetingId: string): Observable<MotionDto[]> {
    return this.http.get<MotionDto[]>(this.motionsUrl(meetingId));
  }

  createMotion(meetingId: string, body: CreateMotionRequest): Observable<MotionDto> {
    return this.http.post<MotionDto>(this.motionsUrl(meetingId), body);
  }

  /** Drafts only (VOTE_NOT_DRAFT once it opened). */
  updateMotion(meetingId: string, motionId: string, body: UpdateMotionRequest): Observable<MotionDto> {
    return this.http.patch<MotionDto>(this.motionUrl(meetingId, motionId), body);
  }

  deleteMotion(meetingId: string, motionId: string): Observable<void> {
    return this.http.delete<void>(this.motionUrl(meetingId, motionId));
  }

  /**
   * A closed vote's record (named list, receipts) with its chain hashes. A hall display has no session cookie:
   * it sends its token in a header instead (never in the URL, which ends up in logs).
   */
  result(meetingId: string, motionId: string, displayToken?: string): Observable<VoteResultDto> {
    const headers = displayToken ? new HttpHeaders({ [DISPLAY_TOKEN_HEADER]: displayToken }) : undefined;
    return this.http.get<VoteResultDto>(`${this.motionUrl(meetingId, motionId)}/result`, { headers });
  }

  /** The results PDF, as a plain link (the cookie session goes with it; the server names the file). */
  resultPdfUrl(meetingId: string, motionId: string): string {
    return `${this.motionUrl(meetingId, motionId)}/result.pdf`;
  }

  settings(meetingId: string): Observable<VoteSettingsDto> {
    return this.http.get<VoteSettingsDto>(this.settingsUrl(meetingId));
  }

  updateSettings(meetingId: string, body: UpdateVoteSettingsRequest): Observable<VoteSettingsDto> {
    return this.http.put<VoteSettingsDto>(this.settingsUrl(meetingId), body);
  }

  /** System admins and the meeting's hosts: every closed result checked against its record, ballots and chain. */
  verifyChain(meetingId: string): Observable<ChainVerificationDto> {
    return this.http.get<ChainVerificationDto>(`${this.meeting(meetingId)}/vote-chain`);
  }

  private meeting(id: string): string {
    return `${API_PREFIX}/meetings/${encodeURIComponent(id)}`;
  }

  private motionsUrl(meetingId: string): string {
    return `${this.meeting(meetingId)}/motions`;
  }

  private motionUrl(meetingId: string, motionId: string): string {
    return `${this.motionsUrl(meetingId)}/${encodeURIComponent(motionId)}`;
  }

  private settingsUrl(meetingId: string): string {
    return `${this.meeting(meetingId)}/vote-settings`;
  }
}
