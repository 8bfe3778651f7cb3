import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { col } from './columns';

/** A lower-level server's meeting can link its conference to an upper-level server's meeting (cascade). */
export class ConferenceCascade1764400000000 implements MigrationInterface {
  name = 'ConferenceCascade1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('meeting', new TableColumn(col.ref('upper_meeting_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('meeting', 'upper_meeting_id');
  }
}
