import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from './columns';

/** Meeting preparation: lifecycle details, RSVP and delegation, participating units and sites, agenda. */
export class MeetingPreparation1764100000000 implements MigrationInterface {
  name = 'MeetingPreparation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('meeting', [
      new TableColumn({ name: 'confidentiality', type: 'varchar', length: '32', default: "'normal'" }),
      new TableColumn(col.text('description', 4000, true)),
      new TableColumn(col.text('cancel_reason', 1000, true)),
      new TableColumn(col.time('published_at', true)),
    ]);
    await q.addColumns('meeting_participant', [
      new TableColumn({ name: 'rsvp', type: 'varchar', length: '16', default: "'pending'" }),
      new TableColumn(col.text('decline_reason', 1000, true)),
      new TableColumn(col.ref('delegate_user_id', true)),
      new TableColumn(col.ref('represents_user_id', true)),
      new TableColumn(col.time('responded_at', true)),
    ]);
    for (const [table, column, target] of [
      ['meeting_unit', 'unit_id', 'org_unit'],
      ['meeting_site', 'site_id', 'conference_site'],
    ] as const) {
      await q.createTable(
        new Table({
          name: table,
          columns: [{ ...col.ref('meeting_id'), isPrimary: true }, { ...col.ref(column), isPrimary: true }],
          foreignKeys: [
            { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
            { columnNames: [column], referencedTableName: target, referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          ],
        }),
      );
    }
    await q.createTable(
      new Table({
        name: 'agenda_item',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('parent_id', true),
          col.int('position', 0),
          col.text('title', 500),
          col.text('description', 4000, true),
          col.text('presenter', 255, true),
          { name: 'planned_minutes', type: 'integer', isNullable: true },
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['parent_id'], referencedTableName: 'agenda_item', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ name: 'ix_agenda_meeting', columnNames: ['meeting_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('agenda_item');
    await q.dropTable('meeting_site');
    await q.dropTable('meeting_unit');
    await q.dropColumns('meeting_participant', ['rsvp', 'decline_reason', 'delegate_user_id', 'represents_user_id', 'responded_at']);
    await q.dropColumns('meeting', ['confidentiality', 'description', 'cancel_reason', 'published_at']);
  }
}
