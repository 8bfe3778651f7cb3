import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/**
 * Several API processes (issue 14): which process runs each meeting's live room, until when. Only used with
 * PostgreSQL and Redis; the table exists on SQLite too so that both engines keep one schema.
 */
export class MeetingLeases1765200000000 implements MigrationInterface {
  name = 'MeetingLeases1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'meeting_lease',
        columns: [{ ...col.ref('meeting_id'), isPrimary: true }, col.text('owner_id', 120), col.time('expires_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('meeting_lease');
  }
}
