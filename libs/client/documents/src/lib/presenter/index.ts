// Presenter mode (trình chiếu) in the reader: the strip, the per-page live ink and the session behind them.
export { PresenterBarComponent } from './presenter-bar.component';
export { PresenterInkComponent } from './presenter-ink.component';
export { PresenterSession } from './presenter-session';
