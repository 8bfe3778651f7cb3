import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a signed document is: minutes or conclusions (a final version), or a closed vote's results. */
export type SignedSubjectKind = 'minutes' | 'conclusions' | 'vote_result';
export type SignerKind = 'base' | 'organisation' | 'person';

/** What both tables say of the document a row is about: its meeting, and which of its documents. */
abstract class SignedSubjectRow extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: SignedSubjectKind;

  /** The minutes version's row id, or the motion id. */
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;
}

/**
 * One revision of a document phonghop produced and signed. Revision 0 is the PDF as frozen for signing (never
 * signed itself); each signature adds a revision whose file starts with the previous one byte for byte. Signed
 * revisions are links of the meeting's document chain (`chain_seq`, `prev_hash`, `chain_hash`), built like the
 * chain of vote results. Rows and files are never changed.
 */
@Entity('signed_document')
export class SignedDocumentEntity extends SignedSubjectRow {
  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'signer_kind', type: 'varchar', length: 16 })
  signerKind!: SignerKind;

  /** Who signed (a person's own token) or asked the organisation key to sign. */
  @Column({ name: 'signer_user_id', type: 'varchar', length: 36, nullable: true })
  signerUserId!: string | null;

  /** The meeting role whose signature area holds the block: chair, secretary. */
  @Column({ name: 'signer_role', type: 'varchar', length: 16, nullable: true })
  signerRole!: string | null;

  @Column({ name: 'signer_name', type: 'varchar', length: 255, nullable: true })
  signerName!: string | null;

  @Column({ name: 'certificate_serial', type: 'varchar', length: 128, nullable: true })
  certificateSerial!: string | null;

  @Column({ name: 'certificate_issuer', type: 'varchar', length: 255, nullable: true })
  certificateIssuer!: string | null;

  @Column({ name: 'signed_at', type: Date, nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'chain_seq', type: 'integer', nullable: true })
  chainSeq!: number | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ name: 'chain_hash', type: 'varchar', length: 64, nullable: true })
  chainHash!: string | null;
}

export type SigningRequestStatus = 'open' | 'used' | 'cancelled';

/**
 * A person's signing with their own token through the desktop signing tool: one-time links to fetch the document
 * (or the hash to sign) and to send the result back, bound to one document revision and one signer.
 */
@Entity('signing_request')
export class SigningRequestEntity extends SignedSubjectRow {
  /** SHA-256 of the secret in the links: the secret itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The revision handed out: the result must extend exactly this file. */
  @Column({ name: 'base_revision', type: 'integer' })
  baseRevision!: number;

  @Column({ name: 'base_sha256', type: 'varchar', length: 64 })
  baseSha256!: string;

  /** The base with an empty signature prepared by the server (for tools that return only a CMS). */
  @Column({ name: 'prepared_sha256', type: 'varchar', length: 64, nullable: true })
  preparedSha256!: string | null;

  @Column({ name: 'signer_user_id', type: 'varchar', length: 36 })
  signerUserId!: string;

  @Column({ name: 'signer_role', type: 'varchar', length: 16 })
  signerRole!: string;

  /** Their full name when asked: a certificate in that name is theirs unless one was given with the request. */
  @Column({ name: 'signer_name', type: 'varchar', length: 255 })
  signerName!: string;

  /** The signer's certificate as given when the request was made (its SHA-256), which the result must use. */
  @Column({ name: 'certificate_sha256', type: 'varchar', length: 64, nullable: true })
  certificateSha256!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: SigningRequestStatus;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt!: Date | null;
}

export const SIGNATURE_ENTITIES = [SignedDocumentEntity, SigningRequestEntity];
