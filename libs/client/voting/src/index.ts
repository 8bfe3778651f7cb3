// Components: the live view's ballots and results, the chair's console, the hall display, the preparation section.
export { LiveVoteComponent } from './lib/ballot/live-vote.component';
export { BallotCardComponent } from './lib/ballot/ballot-card.component';
export { BallotBook } from './lib/ballot/ballot-book';
export type { RightsState } from './lib/ballot/ballot-book';
export { ChairVotesComponent } from './lib/chair/chair-votes.component';
export type { VoteAgendaItem } from './lib/chair/chair-votes.component';
export { DisplayVoteComponent } from './lib/display/display-vote.component';
export { VoteResultComponent } from './lib/result/vote-result.component';
export { ResultChartComponent } from './lib/result/result-chart.component';
export { VoteProgressComponent } from './lib/progress/vote-progress.component';
export { VoteCountdownComponent } from './lib/progress/vote-countdown.component';
export { MeetingVotesComponent } from './lib/prepare/meeting-votes.component';
export { MotionFormDialog } from './lib/prepare/motion-form.dialog';
export type { MotionFormData } from './lib/prepare/motion-form.dialog';
export { VoteSettingsDialog } from './lib/prepare/vote-settings.dialog';
export { ChainVerifyComponent } from './lib/chain/chain-verify.component';
export { ChainVerifyPage } from './lib/chain/chain-verify.page';

// Pure parts (with specs).
export * from './lib/ballot/ballot-form';
export { castUntilAnswered, resendDelay, RESEND_DELAYS_MS } from './lib/ballot/cast-sender';
export { newSubmissionKey, SUBMISSION_KEY_PATTERN } from './lib/submission-key';
export { progressPicture, voteClock, VOTE_WARNING_SECONDS } from './lib/progress/vote-progress';
export type { ProgressPicture, VoteClock, ClockTone } from './lib/progress/vote-progress';
export { resultPicture, chartLayout, namedRows, receiptCounted, shortHash, drawn, CHART } from './lib/result/result-view';
export type { ResultPicture, ResultRow, ChartLayout, RowLayout, NamedRow } from './lib/result/result-view';
export { closedMotions, displayVoteFocus, RESULT_ON_DISPLAY_MS } from './lib/live-motions';
export type { DisplayVoteFocus } from './lib/live-motions';
export { chainRows, meetingIdFrom } from './lib/chain/chain-view';
export type { ChainRow, ChainRowState } from './lib/chain/chain-view';
export { newDraft, draftOf, specOf, requestOf, draftProblems, countdownOf, nextOptionId } from './lib/prepare/motion-draft';
export type { MotionDraft, DraftOption, OptionsKind } from './lib/prepare/motion-draft';
export { weightRows, weightValid, weightsRequest } from './lib/prepare/weights';
export type { WeightRow } from './lib/prepare/weights';
export { numberedAgenda, motionsByItem } from './lib/vote-agenda';
export type { NumberedItem, AgendaEntry, MotionGroup } from './lib/vote-agenda';
export { optionLabel, optionIcon, optionTone } from './lib/vote-labels';
