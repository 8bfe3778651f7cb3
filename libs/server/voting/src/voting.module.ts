import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MeetingsModule } from '@phonghop/server-meetings';
import { BallotStore } from './ballot.store';
import { VoteRequestHandler } from './vote-requests';
import { VoteSettingsStore } from './vote-settings.store';
import { VotingController } from './voting.controller';
import { VOTING_ENTITIES } from './voting.entity';
import { VotingService } from './voting.service';

@Module({
  imports: [TypeOrmModule.forFeature(VOTING_ENTITIES), MeetingsModule, LiveMeetingModule],
  controllers: [VotingController],
  providers: [BallotStore, VoteSettingsStore, VotingService, VoteRequestHandler],
  exports: [VotingService],
})
export class VotingModule {}
