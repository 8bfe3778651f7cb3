import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from './columns';

const meetingFk = { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
const userFk = (column: string, onDelete: string) => ({ columnNames: [column], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete });

/**
 * Digital signatures. `document_version.signatures`: what the server found when it checked an uploaded PDF's
 * signatures (JSON, null when unsigned). `signed_document`: revisions of minutes, conclusions and vote results as
 * they were signed, each signed one a link of its meeting's document chain. `signing_request`: a person's
 * one-time signing links for the desktop signing tool.
 */
export class Signatures1765100000000 implements MigrationInterface {
  name = 'Signatures1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('document_version', new TableColumn({ name: 'signatures', type: 'text', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'signed_document',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          // minutes | conclusions | vote_result
          col.text('subject_kind', 16),
          col.ref('subject_id'),
          col.int('revision', 0),
          col.text('sha256', 64),
          col.int('size_bytes', 0),
          // base | organisation | person
          col.text('signer_kind', 16),
          col.ref('signer_user_id', true),
          col.text('signer_role', 16, true),
          col.text('signer_name', 255, true),
          col.text('certificate_serial', 128, true),
          col.text('certificate_issuer', 255, true),
          col.time('signed_at', true),
          { name: 'chain_seq', type: 'integer', isNullable: true },
          col.text('prev_hash', 64, true),
          col.text('chain_hash', 64, true),
          ...col.timestamps(),
        ],
        foreignKeys: [meetingFk, userFk('signer_user_id', 'SET NULL')],
        indices: [
          { name: 'ux_signed_document_revision', columnNames: ['subject_kind', 'subject_id', 'revision'], isUnique: true },
          // One link per place in a meeting's chain: two signings racing cannot both extend it from the same link.
          { name: 'ux_signed_document_chain', columnNames: ['meeting_id', 'chain_seq'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signing_request',
        columns: [
          col.id(),
          col.text('token_hash', 64),
          col.ref('meeting_id'),
          col.text('subject_kind', 16),
          col.ref('subject_id'),
          col.int('base_revision', 0),
          col.text('base_sha256', 64),
          col.text('prepared_sha256', 64, true),
          col.ref('signer_user_id'),
          col.text('signer_role', 16),
          col.text('signer_name', 255),
          col.text('certificate_sha256', 64, true),
          // open | used | cancelled
          col.text('status', 16),
          col.time('expires_at'),
          col.time('used_at', true),
          ...col.timestamps(),
        ],
        foreignKeys: [meetingFk, userFk('signer_user_id', 'CASCADE')],
        indices: [{ name: 'ux_signing_request_token', columnNames: ['token_hash'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signing_request');
    await q.dropTable('signed_document');
    await q.dropColumn('document_version', 'signatures');
  }
}
