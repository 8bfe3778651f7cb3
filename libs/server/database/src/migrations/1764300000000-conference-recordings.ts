import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** Recordings of online conferences: one row per recording, the file under DATA_DIR/recordings. */
export class ConferenceRecordings1764300000000 implements MigrationInterface {
  name = 'ConferenceRecordings1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'conference_recording',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('started_by_id', true),
          col.time('started_at'),
          col.time('ended_at', true),
          // recording → processing → ready, or failed
          col.text('status', 16),
          col.text('file_name', 255, true),
          col.int('duration_seconds', 0),
          col.text('error', 500, true),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['started_by_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ name: 'ix_recording_meeting', columnNames: ['meeting_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('conference_recording');
  }
}
