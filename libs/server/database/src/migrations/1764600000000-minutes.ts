import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

const userFk = (column: string) => ({ columnNames: [column], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' });

/**
 * Minutes and conclusions: one row per version of each kind of a meeting. A final version is never updated; a
 * correction is a new row (version + 1). `revision` counts the saves of a draft (the optimistic check).
 */
export class Minutes1764600000000 implements MigrationInterface {
  name = 'Minutes1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'meeting_minutes',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          // minutes | conclusions
          col.text('kind', 16),
          col.int('version', 1),
          col.int('revision', 0),
          // draft | final
          col.text('status', 16),
          col.text('number', 60),
          col.json('body_html'),
          // [{itemId, title, conclusionHtml}]
          col.json('items'),
          col.ref('created_by_id', true),
          col.ref('updated_by_id', true),
          col.time('finalized_at', true),
          col.ref('finalized_by_id', true),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          userFk('created_by_id'),
          userFk('updated_by_id'),
          userFk('finalized_by_id'),
        ],
        indices: [{ name: 'ux_minutes_version', columnNames: ['meeting_id', 'kind', 'version'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('meeting_minutes');
  }
}
