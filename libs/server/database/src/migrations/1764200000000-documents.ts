import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * Meeting documents: resumable uploads, documents with versions (files are content-addressed blobs on disk,
 * named by their SHA-256), extracted page text for search, and receipts (who fetched / opened what).
 */
export class Documents1764200000000 implements MigrationInterface {
  name = 'Documents1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'document_upload',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('user_id'),
          col.text('file_name', 255),
          // 200 MB fits a 32-bit integer on both engines.
          { name: 'size_bytes', type: 'integer' },
          col.int('received_bytes', 0),
          col.time('expires_at'),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ name: 'ix_upload_expires', columnNames: ['expires_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('agenda_item_id', true),
          col.text('title', 500),
          col.text('access', 16),
          { name: 'named_user_ids', type: 'text', isNullable: true },
          col.bool('published', false),
          col.time('published_at', true),
          col.int('current_version', 1),
          col.ref('created_by_id', true),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['agenda_item_id'], referencedTableName: 'agenda_item', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['created_by_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ name: 'ix_document_meeting', columnNames: ['meeting_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_version',
        columns: [
          col.id(),
          col.ref('document_id'),
          { name: 'version', type: 'integer' },
          col.text('file_name', 255),
          // The stored (linearized) file's hash names the blob and is its ETag; the uploaded bytes' hash finds duplicates.
          col.text('sha256', 64),
          col.text('source_sha256', 64),
          { name: 'size_bytes', type: 'integer' },
          { name: 'page_count', type: 'integer' },
          col.ref('uploaded_by_id', true),
          col.time('uploaded_at'),
          col.bool('thumbnails_ready', false),
          col.bool('text_ready', false),
        ],
        uniques: [{ name: 'uq_document_version', columnNames: ['document_id', 'version'] }],
        foreignKeys: [
          { columnNames: ['document_id'], referencedTableName: 'document', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['uploaded_by_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [
          { name: 'ix_version_sha', columnNames: ['sha256'] },
          { name: 'ix_version_source_sha', columnNames: ['source_sha256'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_page_text',
        columns: [
          // Keyed by blob, not version: identical files share their text.
          { ...col.text('sha256', 64), isPrimary: true },
          { name: 'page', type: 'integer', isPrimary: true },
          { name: 'text', type: 'text' },
          // Lower-case without Vietnamese tone marks, so "ngan sach" finds "ngân sách".
          { name: 'folded', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_receipt',
        columns: [
          { ...col.ref('version_id'), isPrimary: true },
          { ...col.ref('user_id'), isPrimary: true },
          col.time('received_at', true),
          col.time('opened_at', true),
        ],
        foreignKeys: [
          { columnNames: ['version_id'], referencedTableName: 'document_version', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['document_receipt', 'document_page_text', 'document_version', 'document', 'document_upload']) {
      await q.dropTable(t);
    }
  }
}
