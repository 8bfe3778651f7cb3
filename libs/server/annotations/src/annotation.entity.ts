import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One annotation on one version of a document. Deleting leaves a tombstone, so a late op on it gets a clear answer. */
@Entity('annotation')
@Index('ix_annotation_document_version', ['documentId', 'version'])
export class AnnotationEntity {
  /** Chosen by the device that made it. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'document_id', type: 'varchar', length: 36 })
  documentId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** AnnotationTarget as JSON (page-normalised positions, the text quote). */
  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'varchar', length: 16 })
  color!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  visibility!: string;

  /** User ids (JSON) for `named` sharing. */
  @Column({ name: 'shared_with', type: 'text' })
  sharedWith!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'conflict_of', type: 'varchar', length: 36, nullable: true })
  conflictOf!: string | null;

  /** How it was placed from an earlier version (JSON), or null. */
  @Column({ type: 'text', nullable: true })
  anchoring!: string | null;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

/** Every op a device sent, once: a resend is answered from here and never applied twice. */
@Entity('annotation_op')
export class AnnotationOpEntity {
  @PrimaryColumn({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId!: string;

  @PrimaryColumn({ name: 'op_id', type: 'varchar', length: 64 })
  opId!: string;

  /** applied | conflict_copy | rejected */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** The annotation the op produced or changed (the copy, for a conflict). */
  @Column({ name: 'annotation_id', type: 'varchar', length: 36, nullable: true })
  annotationId!: string | null;

  /** A rejection's error code. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

export const ANNOTATION_ENTITIES = [AnnotationEntity, AnnotationOpEntity];
