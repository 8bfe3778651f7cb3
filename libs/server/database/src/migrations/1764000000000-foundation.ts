import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './columns';

/** Identity, the administrative hierarchy, and the minimal meeting tables behind realtime rooms. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'org_unit',
        columns: [
          col.id(),
          col.ref('parent_id', true),
          col.text('code', 64),
          col.text('name', 255),
          col.text('kind', 32),
          col.int('sort_order', 0),
          ...col.timestamps(),
        ],
        uniques: [{ name: 'uq_org_unit_code', columnNames: ['code'] }],
        foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'org_unit', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'ix_org_unit_parent', columnNames: ['parent_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'conference_site',
        columns: [
          col.id(),
          col.ref('unit_id'),
          col.text('name', 255),
          col.text('location', 255, true),
          col.bool('is_host', false),
          col.bool('disabled', false),
          ...col.timestamps(),
        ],
        foreignKeys: [{ columnNames: ['unit_id'], referencedTableName: 'org_unit', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'ix_site_unit', columnNames: ['unit_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          col.id(),
          col.text('username', 64),
          col.text('full_name', 255),
          col.text('title', 255, true),
          col.text('email', 255, true),
          col.text('phone', 32, true),
          col.text('roles', 255),
          col.text('password_hash', 255),
          col.ref('unit_id', true),
          col.ref('site_id', true),
          col.bool('disabled', false),
          col.bool('must_change_password', false),
          col.int('failed_logins', 0),
          col.time('locked_until', true),
          col.time('last_login_at', true),
          ...col.timestamps(),
        ],
        uniques: [{ name: 'uq_user_username', columnNames: ['username'] }],
        foreignKeys: [
          { columnNames: ['unit_id'], referencedTableName: 'org_unit', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['site_id'], referencedTableName: 'conference_site', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'user_session',
        columns: [
          col.id(),
          col.ref('user_id'),
          // Only the SHA-256 of the cookie token is stored: a leaked database opens no session.
          col.text('token_hash', 64),
          col.time('expires_at'),
          col.time('last_seen_at'),
          col.text('user_agent', 255, true),
          col.text('ip', 64, true),
          ...col.timestamps(),
        ],
        uniques: [{ name: 'uq_session_token', columnNames: ['token_hash'] }],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'ix_session_user', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting',
        columns: [
          col.id(),
          col.text('title', 500),
          col.text('kind', 32),
          col.text('status', 32),
          col.time('starts_at'),
          col.time('ends_at', true),
          col.text('location', 255, true),
          col.ref('organiser_unit_id', true),
          col.ref('created_by_id', true),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['organiser_unit_id'], referencedTableName: 'org_unit', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['created_by_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ name: 'ix_meeting_starts', columnNames: ['starts_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_participant',
        columns: [col.id(), col.ref('meeting_id'), col.ref('user_id'), col.text('meeting_role', 32), ...col.timestamps()],
        uniques: [{ name: 'uq_participant', columnNames: ['meeting_id', 'user_id'] }],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [new TableIndex({ name: 'ix_participant_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['meeting_participant', 'meeting', 'user_session', 'app_user', 'conference_site', 'org_unit']) {
      await q.dropTable(t);
    }
  }
}
