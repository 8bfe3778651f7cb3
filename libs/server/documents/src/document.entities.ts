import type { DocumentAccess } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A resumable upload in progress; the bytes so far live in DATA_DIR/uploads/<id>.part. */
@Entity('document_upload')
export class DocumentUploadEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'received_bytes', type: 'integer', default: 0 })
  receivedBytes!: number;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
}

@Entity('document')
export class DocumentEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'agenda_item_id', type: 'varchar', length: 36, nullable: true })
  agendaItemId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  access!: DocumentAccess;

  @Column({ name: 'named_user_ids', type: 'simple-array', nullable: true })
  namedUserIds!: string[];

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'current_version', type: 'integer', default: 1 })
  currentVersion!: number;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;
}

@Entity('document_version')
export class DocumentVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'document_id', type: 'varchar', length: 36 })
  documentId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'source_sha256', type: 'varchar', length: 64 })
  sourceSha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'page_count', type: 'integer' })
  pageCount!: number;

  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 36, nullable: true })
  uploadedById!: string | null;

  @Column({ name: 'uploaded_at', type: Date })
  uploadedAt!: Date;

  @Column({ name: 'thumbnails_ready', type: 'boolean', default: false })
  thumbnailsReady!: boolean;

  @Column({ name: 'text_ready', type: 'boolean', default: false })
  textReady!: boolean;

  /** What the server found checking the file's digital signatures (DocumentSignaturesDto JSON); null when unsigned. */
  @Column({ type: 'text', nullable: true })
  signatures!: string | null;

  /** The 64 KiB chunks pdf.js reads to draw page 1 besides the first and last ("19,20"); null until recorded. */
  @Column({ name: 'first_page_chunks', type: 'varchar', length: 400, nullable: true })
  firstPageChunks!: string | null;
}

@Entity('document_page_text')
export class DocumentPageTextEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256!: string;

  @PrimaryColumn({ type: 'integer' })
  page!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  folded!: string;
}

@Entity('document_receipt')
export class DocumentReceiptEntity {
  @PrimaryColumn({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'received_at', type: Date, nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'opened_at', type: Date, nullable: true })
  openedAt!: Date | null;
}

export const DOCUMENT_ENTITIES = [
  DocumentUploadEntity,
  DocumentEntity,
  DocumentVersionEntity,
  DocumentPageTextEntity,
  DocumentReceiptEntity,
];
