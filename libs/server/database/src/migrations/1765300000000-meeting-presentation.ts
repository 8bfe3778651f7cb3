import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * What each meeting presents (document, version, page, zoom, presenter; not the live ink), so that a presentation
 * survives a restart of the API and a takeover of the meeting by another API process (issue 14).
 */
export class MeetingPresentation1765300000000 implements MigrationInterface {
  name = 'MeetingPresentation1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'meeting_presentation',
        columns: [{ ...col.ref('meeting_id'), isPrimary: true }, col.json('state'), ...col.timestamps()],
        foreignKeys: [{ columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('meeting_presentation');
  }
}
