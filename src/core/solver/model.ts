/**
 * The solver's generic model: events to place into (period, room, instructor), with hard and
 * weighted soft constraints. It is plain data (structured-clone safe), so it can be handed to a
 * worker thread; `compileModel` turns it into the typed arrays the search works on.
 *
 * - A *period* is a time slot. Periods are ordered: periods p and p+1 are adjacent when they are on
 *   the same day (`periodDay`), which is what compactness looks at; `periodAdjacent` overrides
 *   that (the planner's periods are days, adjacent when consecutive in the calendar).
 * - A *course* groups the events of one activity (the lectures of a course, the segments of a
 *   session): its events never share a period, should spread over at least `minDays` days, and
 *   should keep one room.
 * - A *group* (curriculum, cohort, teacher) lists courses whose events must not overlap; when
 *   `compact` is set an event of the group alone in its day's run of periods costs `compactness`.
 * - An *instructor* teaches one event at a time; each event chooses one of its instructor options
 *   (with a cost, maybe for some periods only), or has none.
 * - Hard: every event placed, no room or instructor used twice at once (in one period, or in one
 *   of its time bands when the model splits periods into `timeBands`), no group/course overlap,
 *   periods/rooms/instructors only from the event's domain (an instructor option outside its
 *   periods, or a room outside its `roomPeriods`: one violation), fixed events stay where they are, and
 *   no instructor in more periods of a limit's window than it allows (one violation per period over),
 *   no pool (a shared stock such as laptops) giving out more in a period than it has (one
 *   violation per unit over; a course with `poolChoices` takes from the pool chosen for it), the
 *   events of an `ordered` course in increasing periods (one violation per pair of neighbours out
 *   of order).
 * - Soft (weights): room capacity (per seat over), room waste (per seat left empty), min working
 *   days (per missing day), compactness (per isolated event), room stability (per extra room of a
 *   course), instructor cost (options' costs, pay capped per instructor and period, and day costs
 *   once per instructor and period), workload (per period an instructor teaches in), period
 *   preference cost, pool preference (per step down a choice).
 */
export interface SolverEvent {
  id: string;
  course: number;
  /** Attendees; a room smaller than this costs `roomCapacity` per missing seat. */
  size: number;
  /** Allowed periods; omitted = all. */
  periods?: number[];
  /** Allowed rooms; omitted = all; empty = the event needs no room (virtual). */
  rooms?: number[];
  /**
   * Instructor options with their cost; omitted or empty = no instructor to assign. `periods`: the
   * periods the option may teach it in (omitted = all); in any other it is a hard violation (an
   * instructor available for one event's hours and place but not another's on the same day).
   * `pay`: what the instructor is paid for the event, summed per period with their other events
   * and capped by their `payCap` (a day rate), unlike `cost`, which always adds up. `dayCost`: what
   * teaching in a period costs besides pay (the journey from home), charged once per instructor and
   * period however many events they teach in it: the largest `dayCost` of those events.
   */
  instructors?: { instructor: number; cost: number; pay?: number; dayCost?: number; periods?: number[] }[];
  /**
   * Rooms of `rooms` that may hold the event in some periods only (booked on some days during
   * this event's hours, free during another's): a room listed here is allowed in its `periods`
   * alone, and in any other it is a hard violation. Rooms not listed may hold it in every period.
   */
  roomPeriods?: { room: number; periods: number[] }[];
  /**
   * The time bands of its period during which the event holds its room (bit b: band b of the
   * model's `timeBands`); omitted = all of them. Two events share a room in one period without a
   * clash when their bands do not meet (a morning and an afternoon course on one day).
   */
  roomBands?: number;
  /** The same for its instructor: two events whose instructor bands do not meet share one. */
  instructorBands?: number;
  /** Soft cost of each period (same length as the model's periods), e.g. a preferred time. */
  periodCosts?: number[];
  /** A locked assignment (an existing booking): the search never moves it. */
  fixed?: { period: number; room: number; instructor?: number };
  /** Units the event takes from pools in whatever period it is placed. */
  uses?: { pool: number; quantity: number }[];
}

export interface PoolChoice {
  quantity: number;
  /**
   * The ways to give the units, preferred first: each the pools taking them all (one per time band
   * of the course's hours when pools are split by time of day; else a single pool).
   */
  options: number[][];
}

export interface SolverWeights {
  roomCapacity: number;
  /** Per empty seat of a room larger than its event (room fit: the tightest room wins); default 0. */
  roomWaste?: number;
  minDays: number;
  compactness: number;
  roomStability: number;
  /** Per instructor beyond the first of a course (a run taught by one person); default 0. */
  instructorStability?: number;
  instructorCost: number;
  /**
   * Workload balance: an instructor given events in n periods by the search counts n(n − 1)/2, so
   * each more period (a day) costs one unit per period they already have and work spreads among
   * equals; several events in one period (half-days) count that period once, and each clash of
   * the instructor (a double booking, hard) counts one more; default 0.
   */
  instructorLoad?: number;
  periodCost: number;
  /** Per step down a course's pool preference (`poolChoices`); default 0. */
  poolRank?: number;
}

export interface SolverModel {
  /** Day of each period (its length is the number of periods). */
  periodDay: number[];
  /** Whether period p directly follows period p − 1 (compactness); default: when on the same day. */
  periodAdjacent?: boolean[];
  rooms: { id: string; capacity: number }[];
  /**
   * `payCap`: the most an instructor is paid for one period, whatever the `pay` of their events in
   * it sums to (a day rate, when periods are days and pay is hours × an hour rate or the day rate
   * itself); default none. `paid`: per period, what they are paid in it already for work outside
   * the model, which counts towards the cap. Both are counted in `instructorCost`, where each clash
   * of a capped instructor (a double booking, hard) also costs the cap, so that a double-booked
   * day never looks cheaper than two days.
   */
  instructors: { id: string; payCap?: number; paid?: number[] }[];
  /**
   * `ordered`: its events take increasing periods in model order (the segments of a session).
   * `poolChoices`: units every event of the course takes in one of several ways, the same for all
   * (a run's laptops from the location's pool or the mobile one); which one is the search's choice,
   * each step down the list costing `poolRank`.
   */
  courses: { id: string; minDays: number; ordered?: boolean; poolChoices?: PoolChoice[] }[];
  groups: { id: string; courses: number[]; compact: boolean }[];
  events: SolverEvent[];
  weights: SolverWeights;
  /**
   * Caps on how many periods of a window an instructor may be given (teaching-day limits: with one
   * period a day, at most `max` more days in an ISO week). Only events the search places count: what
   * fixed events already take is for the caller to subtract from `max`.
   */
  instructorLimits?: { instructor: number; periods: number[]; max: number }[];
  /**
   * Into how many time bands a period is split for rooms and instructors (1–30, default 1: an event
   * holds its room and instructor for the whole period); events name theirs in
   * `SolverEvent.roomBands` and `instructorBands`.
   */
  timeBands?: number;
  /** Shared stocks events take units of (`SolverEvent.uses`): what each has free per period. */
  pools?: { id: string; free: number[] }[];
}

export const itcWeights: SolverWeights = {
  roomCapacity: 1,
  minDays: 5,
  compactness: 2,
  roomStability: 1,
  instructorCost: 0,
  periodCost: 0,
};
