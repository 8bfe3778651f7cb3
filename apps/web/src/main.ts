import { bootstrapApplication } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { dropEarlyPageOffReader, preloadEntryRoute } from './app/app.routes';

const appMayStart = preloadEntryRoute(location.pathname, location.search);
const start = () =>
  bootstrapApplication(App, appConfig)
    .then((app) => appMayStart && dropEarlyPageOffReader(app.injector.get(Router)))
    .catch((err: unknown) => console.error(err));
// A link straight to a document: the app starts once page 1 is on screen without it (or will not be), or failing that.
if (appMayStart) void appMayStart.then(start, start);
else void start();
