import type { Injector } from '@angular/core';
import { OfflineDocuments } from './offline-documents.service';

/**
 * App-level: keep the packs of active meetings on the device in the background (see OfflineDocuments).
 * The app calls it through a dynamic import, so this lib stays a lazy chunk.
 */
export function startOfflineDocuments(injector: Injector): void {
  injector.get(OfflineDocuments).startBackgroundSync();
}
