import { NavigationEnd, type Router, type Routes } from '@angular/router';
import { filter, first } from 'rxjs';
import { API_PREFIX } from '@phonghop/contracts';
import { holdRealtimeUntil } from '@phonghop/client-data-access';
import { AUTH_PATHS, ChangePasswordPage, LoginPage, authGuard, roleGuard, sessionGuard, signedOutGuard } from '@phonghop/client-auth';
import { PRELOAD_WHEN_IDLE } from './idle-preloading';
import { SignedInLayout } from './signed-in.layout';

/** A link straight to a document (index.html's inline script has the same pattern). */
const DOCUMENT_LINK = /^\/meetings\/[^/]+\/documents\/([^/]+)\/?$/;

const loadConference = () => import('@phonghop/client-conference').then((m) => m.CONFERENCE_ROUTES);
const loadDocuments = () => import('@phonghop/client-documents');

/**
 * The app opened straight on a conference (a site PC's link to its meeting): its chunk starts loading while the
 * app boots rather than when the router gets to it after bootstrap (≈ 100–200 ms later on a busy PC); the router
 * then finds the module already there. Called by main.ts before bootstrapping. On a document link, returns when the
 * app may start (ReaderPrepared.appMayStart: page 1 may go on screen before it).
 */
export function preloadEntryRoute(path: string, search = ''): Promise<unknown> | undefined {
  if (/^\/meetings\/[^/]+\/conference\/?$/.test(path)) void loadConference();
  // Straight on a document: the reader's chunk, pdf.js' worker, the document's metadata and the current version's
  // first bytes, all at once; the reader takes them over (prepareReader).
  const reader = DOCUMENT_LINK.exec(path);
  if (reader) {
    const documentId = decodeURIComponent(reader[1]);
    const worker = startPdfWorker();
    // pdf.js' main module too, beside the reader's chunk rather than after it: the first range answers are back
    // before the reader's chunk has loaded, and pdf.js takes them only once its module is evaluated.
    const pdfjs = import('pdfjs-dist');
    pdfjs.catch(() => undefined);
    const doc = `${API_PREFIX}/documents/${encodeURIComponent(documentId)}`;
    const metadata = fetch(doc, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const head = !new URLSearchParams(search).get('v') && navigator.onLine ? currentHeadRequests(`${doc}/file`) : undefined;
    // The code that hands them to pdf.js (and has it draw page 1) is a small chunk of its own, loaded beside the
    // reader's: pdf.js gets the document without waiting for the reader's chunk.
    const prepared = import('@phonghop/client-documents/reader-boot').then((m) => m.prepareReader(documentId, { worker, metadata, head, pdfjs }));
    // The realtime socket's handshake (CPU on the tablet and the server) comes after page 1 is drawn.
    holdRealtimeUntil(prepared.then((p) => p.drawn));
    void loadDocuments();
    return prepared.then((p) => p.appMayStart);
  }
  return undefined;
}

/**
 * Page 1 shown before the app started stays only while the app shows the reader: the first navigation ending
 * elsewhere (signed out: the login page; a document that redirects) takes it away.
 */
export function dropEarlyPageOffReader(router: Router): void {
  router.events.pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd), first()).subscribe((e) => {
    const path = new URL(e.urlAfterRedirects, location.origin).pathname;
    if (!DOCUMENT_LINK.test(path)) void import('@phonghop/client-documents/reader-boot').then((m) => m.dropEarlyPage());
  });
}

/**
 * What pdf.js reads first of the current version (`GET /api/documents/:id/file` names the version it served): the
 * first 64 KiB chunk and the last 64 KiB, as the reader's `requestCurrentHead` asks (its `RANGE_CHUNK`). Here, in
 * the main bundle, they leave before the reader's chunk has loaded; the reader checks both answers.
 */
function currentHeadRequests(url: string): { first: Promise<Response>; last: Promise<Response> } {
  const get = (range: string) => fetch(url, { headers: { range }, credentials: 'same-origin' });
  const requests = { first: get('bytes=0-65535'), last: get('bytes=-65536') };
  requests.first.catch(() => undefined);
  requests.last.catch(() => undefined);
  return requests;
}

/**
 * pdf.js' worker, which this app ships (apps/web/project.json copies it to pdfjs/): compiling it is the longest step
 * before a document's first range request, so index.html's inline script has already started it, on the same paths
 * as the reader's route; else (a CSP that refused the script) it starts here, before the reader's chunk has loaded.
 */
function startPdfWorker(): Worker | undefined {
  const started = globalThis as { phonghopPdfWorker?: Worker };
  const early = started.phonghopPdfWorker;
  delete started.phonghopPdfWorker;
  if (early) return early;
  try {
    return new Worker(new URL('pdfjs/pdf.worker.min.mjs', document.baseURI), { type: 'module' });
  } catch {
    return undefined;
  }
}

/**
 * Paths: /login, /change-password (outside the shell: a user who must change the password sees
 * nothing else), /display (the hall's screen, public, by display token), and the signed-in shell with / (my
 * meetings), /meetings/new, /meetings/:id, /meetings/:id/check-in, /admin/users, /admin/units.
 * Route titles are i18n keys, rendered by I18nTitleStrategy. The auth pages are eager: the guards
 * need the auth lib at start anyway, and a signed-out visitor sees the login page first.
 */
export const APP_ROUTES: Routes = [
  {
    path: AUTH_PATHS.login,
    title: 'login.title',
    canActivate: [signedOutGuard],
    component: LoginPage,
  },
  {
    path: AUTH_PATHS.changePassword,
    title: 'password.title',
    canActivate: [sessionGuard],
    component: ChangePasswordPage,
  },
  {
    // The hall's projector or TV: no sign-in, a display token in the link's fragment (never in a path or query).
    path: 'display',
    title: 'display.title',
    loadComponent: () => import('@phonghop/client-live-meeting').then((m) => m.DisplayPage),
  },
  {
    path: '',
    component: SignedInLayout,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'home.title',
        loadComponent: () => import('@phonghop/client-home').then((m) => m.MyMeetingsPage),
      },
      {
        // Before 'meetings': documents of a meeting and the PDF reader (pdf.js loads only there).
        path: 'meetings/:meetingId/documents',
        loadChildren: () => loadDocuments().then((m) => m.DOCUMENTS_ROUTES),
      },
      {
        // The online conference: mediasoup-client loads only there, fetched when the app is idle (IdlePreloading).
        path: 'meetings/:meetingId/conference',
        loadChildren: loadConference,
        data: { [PRELOAD_WHEN_IDLE]: true },
      },
      {
        // Behind the hall's QR code: checks the signed-in delegate in (a signed-out one logs in and comes back).
        path: 'meetings/:meetingId/check-in',
        title: 'checkIn.title',
        loadComponent: () => import('@phonghop/client-live-meeting').then((m) => m.CheckInPage),
      },
      {
        path: 'meetings',
        loadChildren: () => import('@phonghop/client-meetings').then((m) => m.MEETINGS_ROUTES),
      },
      {
        path: 'admin',
        canActivate: [roleGuard(['admin'])],
        loadChildren: () => import('@phonghop/client-admin').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () => import('./not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
