import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { DocumentsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { DISPLAY_TOKEN_HEADER } from '@phonghop/contracts';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { firstValueFrom } from 'rxjs';
import { OfflineDocuments } from '../offline/offline-documents.service';
import { openPdf, type PdfSource } from '../reader/pdf-loader';
import { fitWidthScale, outputScale } from '../reader/zoom';

type PresentedState = 'loading' | 'drawn' | 'denied' | 'error';

/**
 * One page of a meeting document, drawn here with pdf.js to fit the box, for a page the host presents in an
 * online conference. Only the page number comes over the network as the host turns pages: the document is read
 * from the copy kept on the device when there is one, else by HTTP Range (only the bytes of the pages shown), so a
 * commune on a narrow link follows as quickly as the hall. Confidential papers come watermarked for this viewer.
 */
@Component({
  selector: 'ph-presented-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <div class="page" #box [attr.data-state]="state()" [attr.data-page]="drawnPage()" data-testid="conf-presented-page">
      @switch (state()) {
        @case ('denied') { <p class="note"><mat-icon svgIcon="lock" /> {{ 'conf.presentDenied' | t }}</p> }
        @case ('error') { <p class="note"><mat-icon svgIcon="error" /> {{ 'conf.presentError' | t }}</p> }
      }
    </div>
  `,
  styles: `
    :host { display: block; width: 100%; height: 100%; }
    .page { width: 100%; height: 100%; display: flex; align-items: center; justify-content: center; background: #f4f4f4; overflow: hidden; }
    .page canvas { box-shadow: 0 1px 6px rgb(0 0 0 / 25%); background: #fff; }
    .note { display: flex; gap: 8px; align-items: center; color: #444; font-size: 1.1rem; padding: 16px; }
  `,
})
export class PresentedPageComponent {
  readonly documentId = input.required<string>();
  readonly page = input.required<number>();
  /** A hall display has no session: it reads what is presented in its meeting through its own route, with its token. */
  readonly displayToken = input<string | null>(null);

  private readonly api = inject(DocumentsApi);
  private readonly offline = inject(OfflineDocuments);
  private readonly box = viewChild.required<ElementRef<HTMLDivElement>>('box');

  protected readonly state = signal<PresentedState>('loading');
  /** The page on the canvas now (tests and the host's own view wait for it). */
  protected readonly drawnPage = signal(0);

  private task: PDFDocumentLoadingTask | null = null;
  private pdf: Promise<PDFDocumentProxy | null> | null = null;
  private openedId = '';
  private render: RenderTask | null = null;
  private drawToken = 0;

  constructor() {
    effect(() => {
      const documentId = this.documentId();
      const page = this.page();
      untracked(() => void this.draw(documentId, page));
    });
    inject(DestroyRef).onDestroy(() => {
      this.render?.cancel();
      void this.task?.destroy();
    });
  }

  private async draw(documentId: string, pageNumber: number): Promise<void> {
    const token = ++this.drawToken;
    if (documentId !== this.openedId) {
      this.openedId = documentId;
      this.render?.cancel();
      void this.task?.destroy();
      this.task = null;
      this.state.set('loading');
      this.pdf = this.open(documentId);
    }
    const pdf = await this.pdf;
    if (token !== this.drawToken || !pdf) return;
    try {
      const page = await pdf.getPage(Math.min(Math.max(1, pageNumber), pdf.numPages));
      if (token !== this.drawToken) return;
      const box = this.box().nativeElement;
      const base = page.getViewport({ scale: 1 });
      // Fit the whole page in the box (slides and A4 alike).
      const scale = Math.min(fitWidthScale(box.clientWidth - 16, base.width), (box.clientHeight - 16) / base.height) || 1;
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      const ratio = outputScale(window.devicePixelRatio, viewport.width, viewport.height);
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      this.render?.cancel();
      this.render = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      await this.render.promise;
      if (token !== this.drawToken) return;
      box.replaceChildren(canvas);
      this.drawnPage.set(page.pageNumber);
      this.state.set('drawn');
    } catch (e) {
      if (token === this.drawToken && (e as Error)?.name !== 'RenderingCancelledException') this.state.set('error');
    }
  }

  /** The current version, from the device's copy when it has one, else by range from the server. */
  private async open(documentId: string): Promise<PDFDocumentProxy | null> {
    const displayToken = this.displayToken();
    if (displayToken) {
      try {
        this.task = await openPdf({ kind: 'range', url: new URL('api/display/presentation/file', document.baseURI).href, httpHeaders: { [DISPLAY_TOKEN_HEADER]: displayToken } });
        return await this.task.promise;
      } catch {
        // Named and confidential documents are not served to the hall's screen.
        this.state.set('denied');
        return null;
      }
    }
    let version: number;
    try {
      version = (await firstValueFrom(this.api.get(documentId))).current.version;
    } catch (e) {
      // Not allowed to read it (named readers only): say so rather than a blank page.
      const status = toApiError(e).statusCode;
      this.state.set(status === 403 || status === 404 ? 'denied' : 'error');
      return null;
    }
    const sources: PdfSource[] = [];
    if (await this.offline.isCached(documentId, version)) sources.push({ kind: 'full', url: new URL(this.offline.fullCopyUrl(documentId, version), document.baseURI).href });
    sources.push({ kind: 'range', url: new URL(this.api.fileUrl(documentId, version), document.baseURI).href });
    for (const source of sources) {
      try {
        this.task = await openPdf(source);
        return await this.task.promise;
      } catch {
        // next source
      }
    }
    this.state.set('error');
    return null;
  }
}
