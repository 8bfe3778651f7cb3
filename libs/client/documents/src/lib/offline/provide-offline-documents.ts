import type { Injector } from '@angular/core';
import { AnnotationSync } from '@phonghop/client-annotations';
import { OfflineDocuments } from './offline-documents.service';

/**
 * App-level: keep the packs of active meetings on the device in the background (see OfflineDocuments), and send
 * annotation changes still queued on the device from an earlier visit (see AnnotationSync).
 * The app calls it through a dynamic import, so this lib stays a lazy chunk.
 */
export function startOfflineDocuments(injector: Injector): void {
  injector.get(OfflineDocuments).startBackgroundSync();
  injector.get(AnnotationSync).start();
}
