import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, type AnnotationDto, type AnnotationOp, type AnnotationOpsResponse } from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/**
 * Annotations (ghi chú) over REST: a device's ops in order (each applied once by its `opId`, so a resend is answered
 * `duplicate`), the annotations a person sees on one document version (their own and those shared with them), and
 * the same as W3C Web Annotations for export. Changes made elsewhere arrive on the socket
 * (`RealtimeClient.annotationsChanged$`).
 */
@Injectable({ providedIn: 'root' })
export class AnnotationsApi {
  private readonly http = inject(HttpClient);

  /** 1–200 ops (ANNOTATION_OPS_MAX); the answer has one result per op, in order. */
  ops(ops: AnnotationOp[]): Observable<AnnotationOpsResponse> {
    return this.http.post<AnnotationOpsResponse>(`${API_PREFIX}/annotations/ops`, { ops });
  }

  list(documentId: string, version: number): Observable<AnnotationDto[]> {
    return this.http.get<AnnotationDto[]>(this.versionUrl(documentId, version));
  }

  /** The W3C Web Annotation collection (JSON-LD), as a plain link (the cookie session goes with it). */
  exportUrl(documentId: string, version: number): string {
    return `${this.versionUrl(documentId, version)}.jsonld`;
  }

  private versionUrl(documentId: string, version: number): string {
    return `${API_PREFIX}/documents/${encodeURIComponent(documentId)}/versions/${version}/annotations`;
  }
}
