import {
  type AttendanceEntry,
  type BallotRight,
  type BallotRoute,
  type RosterEntry,
  type VoteProgress,
  formatDecimal,
  isMember,
  parseDecimal,
} from '@phonghop/contracts';

/** One member who may vote in a motion, fixed when it opens, and whose hand carries the ballot. */
export interface EligibleVoter {
  userId: string;
  fullName: string;
  weight: string;
  /** The member themselves, or their proxy (ủy quyền) present for them. */
  castBy: string;
  route: Exclude<BallotRoute, 'site'>;
  /** Where the hand that casts it is: a site (điểm cầu), or null for the hall. */
  siteId: string | null;
}

/** Who may vote, and the weights the majority is measured against (all members; those present). */
export interface Eligibility {
  voters: EligibleVoter[];
  members: { count: number; weight: string };
  present: { count: number; weight: string };
}

/**
 * Members present when the vote opens: a member checked in (hall or site), or a member whose proxy is checked in
 * (the proxy then casts that member's ballot, apart from their own). A member present in person is never counted
 * again through a proxy. Everyone not listed in `weights` weighs 1.
 */
export function eligibilityAt(roster: readonly RosterEntry[], attendance: Readonly<Record<string, AttendanceEntry>>, weights: Readonly<Record<string, string>>): Eligibility {
  const here = (userId: string) => (attendance[userId]?.status === 'present' ? attendance[userId] : null);
  const proxyOf = new Map<string, string>();
  for (const r of roster) if (r.representsUserId && here(r.userId)) proxyOf.set(r.representsUserId, r.userId);
  const voters: EligibleVoter[] = [];
  let membersUnits = 0n;
  let members = 0;
  for (const m of roster) {
    if (!isMember(m)) continue;
    const weight = weights[m.userId] ?? '1';
    const units = parseDecimal(weight);
    if (units === null || units <= 0n) throw new RangeError(`Bad vote weight for ${m.userId}: ${weight}`);
    members++;
    membersUnits += units;
    const self = here(m.userId);
    const proxy = self ? null : proxyOf.get(m.userId);
    const where = self ?? (proxy ? here(proxy) : null);
    if (!where) continue;
    voters.push({ userId: m.userId, fullName: m.fullName, weight: formatDecimal(units), castBy: proxy ?? m.userId, route: proxy ? 'proxy' : 'self', siteId: where.siteId });
  }
  voters.sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const presentUnits = voters.reduce((sum, v) => sum + (parseDecimal(v.weight) ?? 0n), 0n);
  return { voters, members: { count: members, weight: formatDecimal(membersUnits) }, present: { count: voters.length, weight: formatDecimal(presentUnits) } };
}

/** The person asking, as far as carrying ballots goes. */
export interface BallotCarrier {
  userId: string;
  /** Set for a site's operator (meeting role `site`): they cast, on a named vote, for members present at their site. */
  siteId: string | null;
}

/**
 * The ballots a person may cast: their own, those they carry as a proxy, and — on a named vote only, since the
 * operator would see the choice — those of the members present at their site.
 */
export function ballotRoutes(eligibility: Eligibility, carrier: BallotCarrier, secret: boolean): { voter: EligibleVoter; route: BallotRoute }[] {
  const out: { voter: EligibleVoter; route: BallotRoute }[] = [];
  for (const voter of eligibility.voters) {
    if (voter.castBy === carrier.userId) out.push({ voter, route: voter.route });
    else if (!secret && carrier.siteId && voter.siteId === carrier.siteId && voter.route === 'self') out.push({ voter, route: 'site' });
  }
  return out;
}

/** Who carries which ballots, indexed once per open vote: a cast looks up its carrier instead of scanning everyone. */
export interface CarrierIndex {
  byCarrier: Map<string, EligibleVoter[]>;
  /** Members present in person at each site (a site operator carries these on named votes). */
  bySite: Map<string, EligibleVoter[]>;
}

export function carrierIndex(eligibility: Eligibility): CarrierIndex {
  const index: CarrierIndex = { byCarrier: new Map(), bySite: new Map() };
  const add = (map: Map<string, EligibleVoter[]>, key: string, v: EligibleVoter) => map.set(key, [...(map.get(key) ?? []), v]);
  for (const v of eligibility.voters) {
    add(index.byCarrier, v.castBy, v);
    if (v.siteId && v.route === 'self') add(index.bySite, v.siteId, v);
  }
  return index;
}

/** The same as `ballotRoutes`, from the index. */
export function indexedRoutes(index: CarrierIndex, carrier: BallotCarrier, secret: boolean): { voter: EligibleVoter; route: BallotRoute }[] {
  const own = (index.byCarrier.get(carrier.userId) ?? []).map((voter) => ({ voter, route: voter.route as BallotRoute }));
  if (secret || !carrier.siteId) return own;
  const site = (index.bySite.get(carrier.siteId) ?? []).filter((v) => v.castBy !== carrier.userId).map((voter) => ({ voter, route: 'site' as BallotRoute }));
  return [...own, ...site].sort((a, b) => (a.voter.userId < b.voter.userId ? -1 : 1));
}

export function rightsOf(routes: readonly { voter: EligibleVoter; route: BallotRoute }[], voted: (userId: string) => { receipt: string; choices: string[] | null } | null): BallotRight[] {
  return routes.map(({ voter, route }) => {
    const ballot = voted(voter.userId);
    return { forUserId: voter.userId, fullName: voter.fullName, route, weight: voter.weight, voted: !!ballot, receipt: ballot?.receipt ?? null, choices: ballot?.choices ?? null };
  });
}

/** Voted / eligible, in the hall and at the sites. */
export function progressOf(eligibility: Eligibility, voters: ReadonlySet<string>): VoteProgress {
  const p: VoteProgress = { eligible: 0, voted: 0, hall: { eligible: 0, voted: 0 }, sites: { eligible: 0, voted: 0 } };
  for (const v of eligibility.voters) {
    const part = v.siteId ? p.sites : p.hall;
    const done = voters.has(v.userId) ? 1 : 0;
    p.eligible++;
    p.voted += done;
    part.eligible++;
    part.voted += done;
  }
  return p;
}
