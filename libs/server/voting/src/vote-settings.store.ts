import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_MOTION_RULES, type MotionRules, type VoteSettingsDto } from '@phonghop/contracts';
import { DataSource } from 'typeorm';
import { VoteSettingsEntity } from './voting.entity';

/** A meeting's voting rules and weights: one row, absent until a secretary changes the defaults. */
@Injectable()
export class VoteSettingsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async settings(meetingId: string): Promise<VoteSettingsDto> {
    const row = await this.db.getRepository(VoteSettingsEntity).findOneBy({ meetingId });
    if (!row) return { meetingId, rules: { ...DEFAULT_MOTION_RULES }, weights: {} };
    return { meetingId, rules: JSON.parse(row.rules) as MotionRules, weights: JSON.parse(row.weights) as Record<string, string> };
  }

  async save(settings: VoteSettingsDto): Promise<void> {
    await this.db
      .createQueryBuilder()
      .insert()
      .into(VoteSettingsEntity)
      .values({ meetingId: settings.meetingId, rules: JSON.stringify(settings.rules), weights: JSON.stringify(settings.weights) })
      .orUpdate(['rules', 'weights', 'updated_at'], ['meeting_id'])
      .execute();
  }
}
