// Components: the reader's "Ghi chú" switch, the toolbar and the per-page overlay; the services behind them.
export { AnnotationToggleComponent } from './lib/toolbar/annotation-toggle.component';
export { AnnotationToolbarComponent } from './lib/toolbar/annotation-toolbar.component';
export { AnnotationLayerComponent } from './lib/layer/annotation-layer.component';
export { AnnotationMenuComponent } from './lib/layer/annotation-menu.component';
export { LiveInkComponent } from './lib/layer/live-ink.component';
export { AnnotationSession, ANNOTATION_COLORS, ENABLED_STORAGE_KEY } from './lib/sync/annotation-session';
export type { AnnotationTool, ShapeKind } from './lib/sync/annotation-session';
export { AnnotationSync } from './lib/sync/annotation-sync';
export type { SyncState, OutgoingOp } from './lib/sync/annotation-sync';
export { openOpStore, memoryOpStore, databaseName } from './lib/sync/op-store';
export type { OpStore } from './lib/sync/op-store';

// Pure parts (with specs).
export * from './lib/model/op-queue';
export * from './lib/model/annotation-state';
export * from './lib/model/history';
export * from './lib/model/geometry';
export * from './lib/model/text-anchor';
export * from './lib/model/pointer-policy';
export * from './lib/model/render';
export { newOpId, newAnnotationId, OP_ID_PATTERN } from './lib/model/ids';
