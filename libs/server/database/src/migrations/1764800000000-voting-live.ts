import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from './columns';

/**
 * Voting in a running meeting: a motion's countdown, when it closes, and who may vote in it (fixed when it opens,
 * from attendance and proxies); the meeting's voting rules and its members' vote weights.
 */
export class VotingLive1764800000000 implements MigrationInterface {
  name = 'VotingLive1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('vote_motion', [
      new TableColumn({ name: 'countdown_seconds', type: 'integer', isNullable: true }),
      new TableColumn(col.time('closes_at', true)),
      new TableColumn({ ...col.json('eligible'), isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'vote_settings',
        columns: [
          { ...col.ref('meeting_id'), isPrimary: true },
          // MotionRules as JSON: the defaults of the meeting's new motions
          col.json('rules'),
          // { userId: decimal weight } for members who do not weigh 1
          col.json('weights'),
          ...col.timestamps(),
        ],
        foreignKeys: [{ columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('vote_settings');
    for (const c of ['eligible', 'closes_at', 'countdown_seconds']) await q.dropColumn('vote_motion', c);
  }
}
