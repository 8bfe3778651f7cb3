import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AnnotationDto, AnnotationTarget } from '@phonghop/contracts';
import type { ReanchorItem } from '@phonghop/anchoring';
import { WorkerThread } from '@phonghop/server-core';
import { DocumentFilesService, DocumentProcessing } from '@phonghop/server-documents';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import { AnnotationEntity } from '../annotation.entity';
import { AnnotationStore } from '../annotation.store';
import type { ReanchorAnswer, ReanchorJob } from './reanchor-job';

type Anchoring = NonNullable<AnnotationDto['anchoring']>;

/** The id of an annotation carried to a later version: derived, so carrying twice (a restart, a resend) makes one. */
export function carriedId(id: string, version: number): string {
  const h = createHash('sha256').update(`${id}:${version}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * When a document's new version has its text, every annotation on the version before it is carried over: highlights by
 * their quote and its context, ink, notes and shapes by page where the page's text is unchanged (or moved, or nearly
 * the same). What cannot be placed is carried too, as an orphan with its old page and quote: none is dropped. The
 * search runs in a worker thread; each carried annotation keeps its owner, sharing and colour.
 */
@Injectable()
export class Reanchoring implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Reanchoring');
  private readonly thread = new WorkerThread<ReanchorJob>({
    name: 're-anchoring',
    bundle: 'reanchor.worker.js',
    source: join(__dirname, 'reanchor.worker.ts'),
    builtDir: __dirname,
    timeoutMs: 120_000,
  });
  private subscription: Subscription | undefined;
  /** One document at a time: versions of a document are carried in order. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly carriedSubject: ((documentId: string, version: number, rows: AnnotationEntity[]) => void)[] = [];

  constructor(
    private readonly store: AnnotationStore,
    private readonly files: DocumentFilesService,
    private readonly processing: DocumentProcessing,
  ) {}

  onModuleInit(): void {
    this.subscription = this.processing.textReady$.subscribe(({ documentId, version }) => {
      if (version < 2) return;
      this.tail = this.tail.then(() => this.carry(documentId, version - 1, version)).catch((err: unknown) => this.logger.error({ documentId, version, err: String(err) }, 're-anchoring failed'));
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.thread.close();
  }

  /** Hears of annotations carried to a new version (the service tells their owners' devices). */
  onCarried(listener: (documentId: string, version: number, rows: AnnotationEntity[]) => void): void {
    this.carriedSubject.push(listener);
  }

  /** Carries every live annotation of `fromVersion` to `toVersion` (those already carried are skipped). */
  async carry(documentId: string, fromVersion: number, toVersion: number): Promise<AnnotationEntity[]> {
    const old = await this.store.onVersion(documentId, fromVersion);
    const already = new Set((await this.store.onVersion(documentId, toVersion)).map((a) => a.id));
    const todo = old.filter((a) => !already.has(carriedId(a.id, toVersion)));
    if (!todo.length) return [];
    const [oldPages, newPages] = await Promise.all([this.files.pageTexts(documentId, fromVersion), this.files.pageTexts(documentId, toVersion)]);
    const items: ReanchorItem[] = todo.map((a) => {
      const t = JSON.parse(a.target) as AnnotationTarget;
      return t.text ? { id: a.id, kind: 'quote', anchor: { page: t.page, ...t.text } } : { id: a.id, kind: 'page', page: t.page };
    });
    const answer = JSON.parse(new TextDecoder().decode(await this.thread.run({ items, oldPages, newPages }))) as ReanchorAnswer;
    const carried = todo.map((a, i) => this.carriedRow(a, answer.placements[i], fromVersion, toVersion));
    const rows = await this.store.insertCarried(carried);
    this.logger.log({ documentId, toVersion, carried: rows.length, steps: answer.stats.steps, ms: Math.round(answer.stats.elapsedMs) }, 'annotations carried to a new version');
    for (const listener of this.carriedSubject) listener(documentId, toVersion, rows);
    return rows;
  }

  private carriedRow(a: AnnotationEntity, placed: ReanchorAnswer['placements'][number], fromVersion: number, toVersion: number): AnnotationEntity {
    const target = JSON.parse(a.target) as AnnotationTarget;
    const oldPage = target.page;
    let anchoring: Anchoring;
    let next: AnnotationTarget = target;
    if (placed.kind === 'quote') {
      const p = placed.placement;
      if (p.status === 'orphan') anchoring = { fromVersion, status: 'orphan', oldPage };
      else {
        anchoring = { fromVersion, status: p.status, oldPage };
        // The boxes drawn on the old page do not fit the new one; the reader draws them again from the text.
        next = { ...target, page: p.page, text: target.text && { ...target.text, start: p.start, end: p.end }, rects: p.page === oldPage && p.status === 'exact' ? target.rects : [] };
      }
    } else {
      const p = placed.placement;
      const status = p.status === 'same' ? 'same_page' : p.status === 'moved' ? 'moved_page' : p.status === 'orphan' ? 'orphan' : 'similar';
      anchoring = { fromVersion, status, oldPage };
      if (p.status !== 'orphan') next = { ...target, page: p.page };
    }
    return Object.assign(new AnnotationEntity(), {
      ...a,
      id: carriedId(a.id, toVersion),
      version: toVersion,
      target: JSON.stringify(next),
      revision: 1,
      conflictOf: null,
      anchoring: JSON.stringify(anchoring),
    });
  }
}
