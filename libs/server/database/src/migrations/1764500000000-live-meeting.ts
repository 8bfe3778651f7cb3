import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

const meetingFk = { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/**
 * The live meeting: the floor of each meeting (one versioned row: its state as JSON and the hall's check-in code),
 * attendance (one row per person, so a check-in is stored once however often it is sent), the running record
 * (minutes are written from it), and the hall's display tokens (only their SHA-256 is kept).
 */
export class LiveMeeting1764500000000 implements MigrationInterface {
  name = 'LiveMeeting1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'meeting_floor',
        columns: [
          { ...col.ref('meeting_id'), isPrimary: true },
          col.int('version', 0),
          col.json('state'),
          col.text('check_in_code', 64),
          ...col.timestamps(),
        ],
        foreignKeys: [meetingFk],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_attendance',
        columns: [
          { ...col.ref('meeting_id'), isPrimary: true },
          { ...col.ref('user_id'), isPrimary: true },
          col.text('status', 16),
          col.text('method', 16),
          col.ref('site_id', true),
          col.text('site_name', 255, true),
          col.text('reason', 500, true),
          col.ref('recorded_by_id', true),
          col.time('at'),
        ],
        foreignKeys: [meetingFk, { columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_record_event',
        columns: [col.id(), col.ref('meeting_id'), col.int('floor_version', 0), col.text('kind', 32), col.time('at'), col.json('data')],
        foreignKeys: [meetingFk],
        indices: [{ name: 'ix_record_meeting', columnNames: ['meeting_id', 'at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_display',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.text('label', 120),
          col.text('token_hash', 64),
          col.ref('created_by_id', true),
          col.time('revoked_at', true),
          ...col.timestamps(),
        ],
        foreignKeys: [meetingFk, { columnNames: ['created_by_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
        indices: [
          { name: 'ux_display_token', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_display_meeting', columnNames: ['meeting_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['meeting_display', 'meeting_record_event', 'meeting_attendance', 'meeting_floor']) await q.dropTable(t);
  }
}
