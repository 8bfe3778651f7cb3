import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type CreateSigningRequest, type SignedDocumentDto, type SignedDocumentKind, type SigningRequestDto } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * Signed minutes, conclusions and vote results: their signatures, signing with the organisation key, and one-time
 * links for signing with one's own USB token through the desktop signing tool.
 */
@Injectable({ providedIn: 'root' })
export class SignaturesApi {
  private readonly http = inject(HttpClient);

  state(meetingId: string, kind: SignedDocumentKind, ref: string | number): Observable<SignedDocumentDto> {
    return this.http.get<SignedDocumentDto>(this.url(meetingId, kind, ref));
  }

  signWithOrganisationKey(meetingId: string, kind: SignedDocumentKind, ref: string | number): Observable<SignedDocumentDto> {
    return this.http.post<SignedDocumentDto>(`${this.url(meetingId, kind, ref)}/sign`, null);
  }

  requestPersonalSignature(meetingId: string, kind: SignedDocumentKind, ref: string | number, body: CreateSigningRequest = {}): Observable<SigningRequestDto> {
    return this.http.post<SigningRequestDto>(`${this.url(meetingId, kind, ref)}/requests`, body);
  }

  pdfUrl(meetingId: string, kind: SignedDocumentKind, ref: string | number): string {
    return `${this.url(meetingId, kind, ref)}/pdf`;
  }

  private url(meetingId: string, kind: SignedDocumentKind, ref: string | number): string {
    return `${API_PREFIX}/meetings/${meetingId}/signed/${kind}/${ref}`;
  }
}
