import { Foundation1764000000000 } from './1764000000000-foundation';
import { MeetingPreparation1764100000000 } from './1764100000000-meeting-preparation';
import { Documents1764200000000 } from './1764200000000-documents';
import { ConferenceRecordings1764300000000 } from './1764300000000-conference-recordings';
import { ConferenceCascade1764400000000 } from './1764400000000-conference-cascade';
import { LiveMeeting1764500000000 } from './1764500000000-live-meeting';
import { Minutes1764600000000 } from './1764600000000-minutes';
import { Voting1764700000000 } from './1764700000000-voting';
import { VotingLive1764800000000 } from './1764800000000-voting-live';
import { Annotations1764900000000 } from './1764900000000-annotations';
import { SiteParticipants1765050000000 } from './1765050000000-site-participants';
import { Signatures1765100000000 } from './1765100000000-signatures';
import { MeetingLeases1765200000000 } from './1765200000000-meeting-leases';
import { MeetingPresentation1765300000000 } from './1765300000000-meeting-presentation';
import { FirstPageChunks1765400000000 } from './1765400000000-first-page-chunks';

/** Every migration, oldest first. Never edit a released migration: add a new one. */
export const MIGRATIONS = [Foundation1764000000000, MeetingPreparation1764100000000, Documents1764200000000, ConferenceRecordings1764300000000, ConferenceCascade1764400000000, LiveMeeting1764500000000, Minutes1764600000000, Voting1764700000000, VotingLive1764800000000, Annotations1764900000000, SiteParticipants1765050000000, Signatures1765100000000, MeetingLeases1765200000000, MeetingPresentation1765300000000, FirstPageChunks1765400000000];
