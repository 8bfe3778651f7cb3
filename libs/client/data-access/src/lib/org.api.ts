import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  type ConferenceSiteDto,
  type CreateSiteRequest,
  type CreateUnitRequest,
  type OrgUnitDto,
  type OrgUnitTreeNode,
  type UpdateSiteRequest,
  type UpdateUnitRequest,
} from '@phonghop/contracts';
import type { Observable } from 'rxjs';

/** Organisation units (province → district → commune, as data) and their conference sites. */
@Injectable({ providedIn: 'root' })
export class OrgApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_PREFIX}/org`;

  tree(): Observable<OrgUnitTreeNode[]> {
    return this.http.get<OrgUnitTreeNode[]>(`${this.base}/tree`);
  }

  units(): Observable<OrgUnitDto[]> {
    return this.http.get<OrgUnitDto[]>(`${this.base}/units`);
  }

  createUnit(body: CreateUnitRequest): Observable<OrgUnitDto> {
    return this.http.post<OrgUnitDto>(`${this.base}/units`, body);
  }

  updateUnit(id: string, body: UpdateUnitRequest): Observable<OrgUnitDto> {
    return this.http.patch<OrgUnitDto>(`${this.base}/units/${encodeURIComponent(id)}`, body);
  }

  deleteUnit(id: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/units/${encodeURIComponent(id)}`);
  }

  sites(unitId?: string): Observable<ConferenceSiteDto[]> {
    const params = unitId ? new HttpParams().set('unitId', unitId) : undefined;
    return this.http.get<ConferenceSiteDto[]>(`${this.base}/sites`, { params });
  }

  createSite(body: CreateSiteRequest): Observable<ConferenceSiteDto> {
    return this.http.post<ConferenceSiteDto>(`${this.base}/sites`, body);
  }

  updateSite(id: string, body: UpdateSiteRequest): Observable<ConferenceSiteDto> {
    return this.http.patch<ConferenceSiteDto>(`${this.base}/sites/${encodeURIComponent(id)}`, body);
  }
}
