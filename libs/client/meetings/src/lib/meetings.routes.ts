import type { Routes } from '@angular/router';
import { roleGuard } from '@phonghop/client-auth';
import { MeetingPage } from './meeting-page/meeting.page';
import { NewMeetingPage } from './new-meeting/new-meeting.page';

/** Mounted by the app at /meetings: /meetings/new (secretaries, admins) and /meetings/:id. */
export const MEETINGS_ROUTES: Routes = [
  { path: 'new', title: 'meetingForm.newTitle', canActivate: [roleGuard(['secretary', 'admin'])], component: NewMeetingPage },
  { path: ':id', title: 'meetingPage.title', component: MeetingPage },
];

