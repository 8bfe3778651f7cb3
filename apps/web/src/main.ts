import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { preloadEntryRoute } from './app/app.routes';

preloadEntryRoute(location.pathname, location.search);
bootstrapApplication(App, appConfig).catch((err: unknown) => console.error(err));
