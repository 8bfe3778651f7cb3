import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * Annotations (ghi chú) on document versions, and the log of ops the devices sent: an op is applied once and a
 * resend is answered from the log, so an offline tablet that reconnects syncs exactly once.
 */
export class Annotations1764900000000 implements MigrationInterface {
  name = 'Annotations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'annotation',
        columns: [
          col.id(),
          col.ref('document_id'),
          { name: 'version', type: 'integer' },
          col.ref('meeting_id'),
          col.ref('owner_id'),
          col.text('kind', 16),
          col.json('target'),
          col.text('color', 16),
          col.json('body'),
          col.text('visibility', 16),
          col.json('shared_with'),
          col.int('revision', 1),
          col.ref('conflict_of', true),
          { ...col.json('anchoring'), isNullable: true },
          col.bool('deleted', false),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['document_id'], referencedTableName: 'document', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['owner_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [
          { name: 'ix_annotation_document_version', columnNames: ['document_id', 'version'] },
          { name: 'ix_annotation_owner', columnNames: ['owner_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'annotation_op',
        columns: [
          { ...col.ref('owner_id'), isPrimary: true },
          { ...col.text('op_id', 64), isPrimary: true },
          col.text('status', 16),
          col.ref('annotation_id', true),
          col.text('error', 64, true),
          { name: 'created_at', type: 'timestamp', default: 'CURRENT_TIMESTAMP' },
        ],
        foreignKeys: [{ columnNames: ['owner_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('annotation_op');
    await q.dropTable('annotation');
  }
}
