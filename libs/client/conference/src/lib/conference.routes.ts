import type { Routes } from '@angular/router';
import { ConferencePage } from './page/conference.page';

/** Mounted by the app at /meetings/:meetingId/conference; mediasoup-client loads only here. */
export const CONFERENCE_ROUTES: Routes = [{ path: '', title: 'conf.title', component: ConferencePage }];
