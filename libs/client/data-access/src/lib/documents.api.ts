import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  type CompleteUploadRequest,
  type DocumentDto,
  type DocumentPageTextDto,
  type DocumentReceiptDto,
  type DocumentVersionDto,
  type NewDocumentsCountDto,
  type PublishDocumentsRequest,
  type SearchHitDto,
  type StartUploadRequest,
  type UpdateDocumentRequest,
  type UploadStatusDto,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * Meeting documents: resumable uploads (start → PUT chunks at `offset` → complete), metadata, versions,
 * search, and the URLs of files and page images (read by pdf.js and `<img>`, not by HttpClient).
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  /** "Tài liệu mới" of every meeting on my home list, in one request. */
  newCountsOfMine(): Observable<NewDocumentsCountDto[]> {
    return this.http.get<NewDocumentsCountDto[]>(`${API_PREFIX}/meetings/mine/new-documents`);
  }

  /** Documents of a meeting the caller may read (secretaries also see unpublished ones). */
  list(meetingId: string): Observable<DocumentDto[]> {
    return this.http.get<DocumentDto[]>(`${this.meeting(meetingId)}/documents`);
  }

  get(id: string): Observable<DocumentDto> {
    return this.http.get<DocumentDto>(this.doc(id));
  }

  update(id: string, body: UpdateDocumentRequest): Observable<DocumentDto> {
    return this.http.patch<DocumentDto>(this.doc(id), body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.doc(id));
  }

  publish(id: string): Observable<DocumentDto> {
    return this.http.post<DocumentDto>(`${this.doc(id)}/publish`, null);
  }

  /** "Phát hành tất cả": these documents of the meeting together, all or none; answers them in the same order. */
  publishMany(meetingId: string, documentIds: string[]): Observable<DocumentDto[]> {
    const body: PublishDocumentsRequest = { documentIds };
    return this.http.post<DocumentDto[]>(`${this.meeting(meetingId)}/documents/publish`, body);
  }

  /** Newest first. */
  versions(id: string): Observable<DocumentVersionDto[]> {
    return this.http.get<DocumentVersionDto[]>(`${this.doc(id)}/versions`);
  }

  text(id: string, version: number): Observable<DocumentPageTextDto[]> {
    return this.http.get<DocumentPageTextDto[]>(`${this.doc(id)}/versions/${version}/text`);
  }

  /** Accent- and case-insensitive search over the current version of every readable document. */
  search(meetingId: string, q: string): Observable<SearchHitDto[]> {
    return this.http.get<SearchHitDto[]>(`${this.meeting(meetingId)}/search`, { params: { q } });
  }

  /** Who received and opened what (meeting secretaries). */
  receipts(meetingId: string): Observable<DocumentReceiptDto[]> {
    return this.http.get<DocumentReceiptDto[]>(`${this.meeting(meetingId)}/documents/receipts`);
  }

  /** This device keeps the version for offline reading. */
  markReceived(id: string, version: number): Observable<void> {
    return this.http.post<void>(`${this.doc(id)}/versions/${version}/received`, null);
  }

  startUpload(meetingId: string, body: StartUploadRequest): Observable<UploadStatusDto> {
    return this.http.post<UploadStatusDto>(`${this.meeting(meetingId)}/uploads`, body);
  }

  uploadStatus(uploadId: string): Observable<UploadStatusDto> {
    return this.http.get<UploadStatusDto>(this.upload(uploadId));
  }

  /** One chunk as raw bytes, with upload progress events for a live progress bar. */
  uploadChunk(uploadId: string, offset: number, chunk: Blob): Observable<HttpEvent<UploadStatusDto>> {
    return this.http.put<UploadStatusDto>(this.upload(uploadId), chunk, {
      params: { offset: String(offset) },
      headers: { 'Content-Type': 'application/octet-stream' },
      reportProgress: true,
      observe: 'events',
    });
  }

  /** Checks the PDF and stores it as a new document, or as a new version with `replacesDocumentId`. */
  completeUpload(uploadId: string, body: CompleteUploadRequest): Observable<DocumentDto> {
    return this.http.post<DocumentDto>(`${this.upload(uploadId)}/complete`, body);
  }

  /** The PDF (HTTP Range, ETag); confidential documents come stamped with the reader's name. */
  fileUrl(id: string, version: number): string {
    return `${this.doc(id)}/versions/${version}/file`;
  }

  /** Page 1 as an image at reading size, shown while pdf.js loads (stamped too for confidential documents). */
  previewUrl(id: string, version: number | 'current'): string {
    return version === 'current' ? `${this.doc(id)}/preview` : `${this.doc(id)}/versions/${version}/preview`;
  }

  thumbnailUrl(id: string, version: number, page: number): string {
    return `${this.doc(id)}/versions/${version}/pages/${page}/thumbnail`;
  }

  private meeting(id: string): string {
    return `${API_PREFIX}/meetings/${encodeURIComponent(id)}`;
  }

  private doc(id: string): string {
    return `${API_PREFIX}/documents/${encodeURIComponent(id)}`;
  }

  private upload(id: string): string {
    return `${API_PREFIX}/uploads/${encodeURIComponent(id)}`;
  }
}
