import type { PageOnePlace } from './reader-early-page';

/** The box page 1 is shown in before the app has started (a link straight to a document). */
export const EARLY_SHELL_ID = 'ph-reader-early-page';
const MARKER = 'reader-page-1';

/**
 * Page 1 on screen before Angular has started, where the reader will put it (prepareReader shows it only for a
 * document with no notice above its pages, see showsAtUsualPlace): the server's image of it first, then
 * pdf.js' canvas in its place (showEarlyCanvas). Plain DOM outside the app's root, so that the app's start can wait
 * until pdf.js has drawn (two cores shared by pdf.js' worker, the app's start and the browser). The reader takes the
 * canvas into its own page box (takeEarlyPage) and the box goes (removeEarlyShell); so does it when the app ends up
 * elsewhere (a sign-in, another page).
 * Marked as the reader marks its own page box: `data-drawn` "preview" once the image is in, "pdf" once pdf.js' is.
 */
export function showEarlyShell(previewUrl: string, place: PageOnePlace): void {
  document.getElementById(EARLY_SHELL_ID)?.remove();
  const box = document.createElement('div');
  box.id = EARLY_SHELL_ID;
  // Shown for a moment until the reader's own page box (labelled, with its text layer) takes its place.
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = `position:fixed;left:${place.left}px;top:${place.top}px;width:${place.width}px;background:#fff;box-shadow:0 1px 3px rgb(0 0 0 / 20%);pointer-events:none`;
  const image = document.createElement('img');
  image.alt = '';
  image.style.cssText = 'display:block;width:100%;height:auto';
  image.addEventListener('load', () => {
    if (box.dataset['drawn'] === 'pdf') return;
    box.dataset['testid'] = MARKER;
    box.dataset['drawn'] = 'preview';
  });
  image.addEventListener('error', () => image.remove());
  image.src = previewUrl;
  box.append(image);
  document.body.append(box);
  if (drawnBefore) showEarlyCanvas(drawnBefore.canvas, drawnBefore.width, drawnBefore.height);
}

/** pdf.js drew page 1 before the box was shown (showEarlyShell waits for the document's metadata). */
let drawnBefore: { canvas: HTMLCanvasElement; width: number; height: number } | null = null;

/** pdf.js' page 1 replaces the image (sized to the box: drawn at its width, at the screen's pixel ratio). */
export function showEarlyCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): void {
  const box = document.getElementById(EARLY_SHELL_ID);
  drawnBefore = box ? null : { canvas, width: cssWidth, height: cssHeight };
  if (!box) return;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  box.style.width = `${cssWidth}px`;
  box.replaceChildren(canvas);
  box.dataset['testid'] = MARKER;
  box.dataset['drawn'] = 'pdf';
}

export function removeEarlyShell(): void {
  drawnBefore = null;
  if (typeof document !== 'undefined') document.getElementById(EARLY_SHELL_ID)?.remove();
}
