import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

export interface SiteAssigned {
  userId: string;
  siteId: string;
}

/** Tells other domains (meetings) about accounts given a site, without them depending on how accounts change. */
@Injectable()
export class UserEvents {
  readonly siteAssigned$ = new Subject<SiteAssigned>();
}
