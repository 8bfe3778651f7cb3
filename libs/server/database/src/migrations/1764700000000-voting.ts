import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './columns';

const motionFk = { columnNames: ['motion_id'], referencedTableName: 'vote_motion', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/**
 * Voting (biểu quyết). A motion is one vote of a meeting; its closed result is hashed with the previous closed
 * result of the meeting (`prev_hash`, unique per meeting so two closes at once cannot fork the chain).
 *
 * Named ballots are one row per person voted for (`for_user_id`; a proxy is `voter_id`) and stay linkable by design.
 * A secret ballot is two rows that share nothing but the motion: `vote_secret_voter` (who has voted, their
 * submission key and receipt) and `vote_secret_choice` (a random 128-bit key, the choices and the weight). Neither
 * has a timestamp, a sequence or a rowid: on SQLite both are `WITHOUT ROWID`, so a row's place in the file follows
 * its key, not when it was written (docs/architecture.md, "Voting", says what else the store does about order).
 */
export class Voting1764700000000 implements MigrationInterface {
  name = 'Voting1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vote_motion',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('item_id', true),
          // the motion's options, majority rule and countdown as JSON (the contract's shape)
          col.json('spec'),
          col.bool('secret', false),
          // a named ballot may be changed until the close
          col.bool('allow_change', true),
          // draft | open | closed
          col.text('status', 16),
          col.time('opened_at', true),
          col.time('closed_at', true),
          { ...col.json('result'), isNullable: true },
          col.text('result_hash', 64, true),
          col.text('prev_hash', 64, true),
          ...col.timestamps(),
        ],
        foreignKeys: [
          { columnNames: ['meeting_id'], referencedTableName: 'meeting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['item_id'], referencedTableName: 'agenda_item', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [
          { name: 'ix_vote_motion_meeting', columnNames: ['meeting_id'] },
          { name: 'ux_vote_motion_chain', columnNames: ['meeting_id', 'prev_hash'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'vote_named_ballot',
        columns: [
          { ...col.ref('motion_id'), isPrimary: true },
          { ...col.ref('for_user_id'), isPrimary: true },
          col.ref('voter_id'),
          col.json('choices'),
          col.text('weight', 32),
          col.text('submission_key', 64),
          // the keys of earlier choices (JSON array): a replayed old submission is refused, never re-applied
          col.json('superseded_keys'),
          col.text('receipt', 16),
          col.time('updated_at'),
        ],
        foreignKeys: [motionFk],
      }),
    );
    await q.createTable(
      new Table({
        name: 'vote_secret_voter',
        columns: [
          { ...col.ref('motion_id'), isPrimary: true },
          { ...col.ref('for_user_id'), isPrimary: true },
          col.ref('voter_id'),
          col.text('submission_key', 64),
          col.text('receipt', 16),
        ],
        foreignKeys: [motionFk],
        withoutRowid: true,
      }),
    );
    await q.createTable(
      new Table({
        name: 'vote_secret_choice',
        columns: [
          { ...col.ref('motion_id'), isPrimary: true },
          // 32 hex digits of fresh randomness, known to nothing else
          { ...col.text('ballot_key', 32), isPrimary: true },
          col.json('choices'),
          col.text('weight', 32),
        ],
        foreignKeys: [motionFk],
        withoutRowid: true,
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['vote_secret_choice', 'vote_secret_voter', 'vote_named_ballot', 'vote_motion']) await q.dropTable(t);
  }
}
