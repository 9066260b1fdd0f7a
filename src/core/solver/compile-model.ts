import type { SolverModel, SolverWeights } from "./model.js";

/** The model as typed arrays (CSR lists), built once per solve. */
export interface CompiledModel {
  source: SolverModel;
  E: number;
  P: number;
  R: number;
  I: number;
  C: number;
  G: number;
  D: number;
  periodDay: Int32Array;
  hasPrev: Uint8Array;
  hasNext: Uint8Array;
  roomCapacity: Int32Array;
  eventCourse: Int32Array;
  eventSize: Int32Array;
  eventFixed: Uint8Array;
  /** 1 when the event needs a room. */
  eventNeedsRoom: Uint8Array;
  periodStart: Int32Array;
  periodList: Int32Array;
  periodAllowed: Uint8Array; // E*P
  roomStart: Int32Array;
  roomList: Int32Array;
  roomAllowed: Uint8Array; // E*R
  instStart: Int32Array;
  instList: Int32Array;
  instCost: Float64Array;
  /**
   * Pay per instructor option (same index as instList), or null when no option has any; per
   * instructor its cap per period (Infinity: none), and what each (instructor, period) has been
   * paid already (I*P, or null when nothing).
   */
  instPay: Float64Array | null;
  /** Day cost per instructor option (same index as instList), or null when no option has any. */
  instDayCost: Float64Array | null;
  /**
   * Whether the state counts, per (instructor, period), the events the search placed: for
   * teaching-day limits and for the workload, which counts periods (`instFreeCnt`).
   */
  countDays: boolean;
  payCap: Float64Array;
  /** Per instructor, what each of their clashes costs on top when there is pay: the cap, or 0 without one. */
  clashPay: Float64Array;
  paid: Float64Array | null;
  /**
   * Rows of P flags, one per distinct set of allowed periods: `blocked[row * P + p]` is 1 when p is
   * not in the set. Per instructor option (same index as instList), its row (-1: allowed in every
   * period); per (event, room), E*R, its row, or null when no event limits a room to some periods.
   */
  blocked: Uint8Array;
  instBlockRow: Int32Array;
  roomBlockRow: Int32Array | null;
  /**
   * Time bands a period is split into for rooms and instructors (1: whole periods), and per event
   * the masks of the bands it holds its room and its instructor in (all unless it names some).
   */
  B: number;
  eventRoomBands: Int32Array;
  eventInstBands: Int32Array;
  /** Period cost per event, E*P, or null when no event has one. */
  periodCost: Float64Array | null;
  courseMinDays: Int32Array;
  courseGroupStart: Int32Array;
  courseGroupList: Int32Array;
  groupCompact: Uint8Array;
  /** Courses in conflict with each course (sharing a group), for the construction's ordering. */
  courseDegree: Int32Array;
  /** The events of each group (CSR). */
  groupEventStart: Int32Array;
  groupEventList: Int32Array;
  /** The events of each course (CSR). */
  courseEventStart: Int32Array;
  courseEventList: Int32Array;
  /** 1 when two courses share a group (or are the same course): C*C. */
  courseConflict: Uint8Array;
  weights: SolverWeights;
  fixedPeriod: Int32Array;
  fixedRoom: Int32Array;
  fixedInst: Int32Array; // option index or -1
  /** Instructor limits: their number, each one's cap, and the limits of each (instructor, period) as CSR over I*P. */
  W: number;
  limitMax: Int32Array;
  limitStart: Int32Array;
  limitList: Int32Array;
  /** Pools: their number, the units free per (pool, period) (Q*P), and each event's uses as CSR. */
  Q: number;
  poolFree: Int32Array;
  useStart: Int32Array;
  usePool: Int32Array;
  useQuantity: Int32Array;
  /**
   * Courses' pool choices: their number, course and units; the options of choice j are
   * choiceOptionStart[j]..choiceOptionStart[j+1]-1, each with its pools (CSR); each course's choices (CSR).
   */
  K: number;
  choiceCourse: Int32Array;
  choiceQuantity: Int32Array;
  choiceOptionStart: Int32Array;
  optionPoolStart: Int32Array;
  optionPoolList: Int32Array;
  courseChoiceStart: Int32Array;
  courseChoiceList: Int32Array;
  /** 1 for an ordered course; per event, the previous and next event of its ordered course (-1: none). */
  courseOrdered: Uint8Array;
  eventPrev: Int32Array;
  eventNext: Int32Array;
}

function csr(lists: number[][]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const list = new Int32Array(start[lists.length]!);
  let k = 0;
  for (const items of lists) for (const item of items) list[k++] = item;
  return { start, list };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invalid solver model: ${message}`);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function compileModel(model: SolverModel): CompiledModel {
  const P = model.periodDay.length;
  const R = model.rooms.length;
  const I = model.instructors.length;
  const C = model.courses.length;
  const G = model.groups.length;
  const E = model.events.length;
  check(P > 0, "no periods");
  const periodDay = Int32Array.from(model.periodDay);
  const D = periodDay.reduce((max, day) => Math.max(max, day + 1), 0);
  const hasPrev = new Uint8Array(P);
  const hasNext = new Uint8Array(P);
  const adjacent = model.periodAdjacent;
  check(!adjacent || adjacent.length === P, "periodAdjacent needs one entry per period");
  for (let p = 1; p < P; p++)
    hasPrev[p] = (adjacent ? adjacent[p] : periodDay[p - 1] === periodDay[p]) ? 1 : 0;
  for (let p = 0; p + 1 < P; p++) hasNext[p] = hasPrev[p + 1]!;
  const periods: number[][] = [];
  const rooms: number[][] = [];
  const insts: number[][] = [];
  const costs: number[] = [];
  const pays: number[] = [];
  const dayCosts: number[] = [];
  // Options allowed in some periods only share a row per distinct set (a run's segments, say).
  const blockRows: number[] = [];
  const rowOf = new Map<string, number>();
  const blocked: number[] = [];
  const blockRow = (periods: number[], what: string) => {
    const allowed = [...new Set(periods)].sort((a, b) => a - b);
    for (const p of allowed) check(Number.isInteger(p) && p >= 0 && p < P, `${what}: period out of range`);
    const key = allowed.join(",");
    let row = rowOf.get(key);
    if (row === undefined) {
      row = rowOf.size;
      rowOf.set(key, row);
      const start = blocked.length;
      for (let p = 0; p < P; p++) blocked.push(1);
      for (const p of allowed) blocked[start + p] = 0;
    }
    return row;
  };
  const roomBlockRow = model.events.some((event) => event.roomPeriods?.length)
    ? new Int32Array(E * R).fill(-1)
    : null;
  const periodAllowed = new Uint8Array(E * P);
  const roomAllowed = new Uint8Array(E * R);
  const fixedPeriod = new Int32Array(E).fill(-1);
  const fixedRoom = new Int32Array(E).fill(-1);
  const fixedInst = new Int32Array(E).fill(-1);
  const eventFixed = new Uint8Array(E);
  const eventNeedsRoom = new Uint8Array(E);
  const anyPeriodCost = model.events.some((event) => event.periodCosts);
  const periodCost = anyPeriodCost ? new Float64Array(E * P) : null;
  model.events.forEach((event, e) => {
    check(event.course >= 0 && event.course < C, `event ${event.id} has an unknown course`);
    const ps = event.periods ?? range(P);
    for (const p of ps) check(p >= 0 && p < P, `event ${event.id} has an unknown period ${p}`);
    const rs = event.rooms ?? range(R);
    for (const r of rs) check(r >= 0 && r < R, `event ${event.id} has an unknown room ${r}`);
    const options = event.instructors ?? [];
    for (const o of options)
      check(o.instructor >= 0 && o.instructor < I, `event ${event.id}: unknown instructor`);
    eventNeedsRoom[e] = rs.length > 0 ? 1 : 0;
    if (event.fixed) {
      const { period, room, instructor } = event.fixed;
      check(period >= 0 && period < P, `event ${event.id} is fixed to an unknown period`);
      check(
        rs.length === 0 ? room === -1 : room >= 0 && room < R,
        `event ${event.id} is fixed to an unknown room`,
      );
      const option = instructor === undefined ? -1 : options.findIndex((o) => o.instructor === instructor);
      check(
        instructor === undefined || option >= 0,
        `event ${event.id} is fixed to an instructor not in its options`,
      );
      fixedPeriod[e] = period;
      fixedRoom[e] = room;
      fixedInst[e] = options.length > 0 ? Math.max(option, 0) : -1;
      eventFixed[e] = 1;
      periods.push([period]);
      rooms.push(room >= 0 ? [room] : []);
      periodAllowed[e * P + period] = 1;
      if (room >= 0) roomAllowed[e * R + room] = 1;
    } else {
      periods.push([...new Set(ps)]);
      rooms.push([...new Set(rs)]);
      for (const p of ps) periodAllowed[e * P + p] = 1;
      for (const r of rs) roomAllowed[e * R + r] = 1;
    }
    insts.push(options.map((o) => o.instructor));
    for (const o of options) {
      costs.push(o.cost);
      check(
        o.pay === undefined || (Number.isFinite(o.pay) && o.pay >= 0),
        `event ${event.id}: pay must be 0 or more`,
      );
      pays.push(o.pay ?? 0);
      check(
        o.dayCost === undefined || (Number.isFinite(o.dayCost) && o.dayCost >= 0),
        `event ${event.id}: dayCost must be 0 or more`,
      );
      dayCosts.push(o.dayCost ?? 0);
      blockRows.push(o.periods ? blockRow(o.periods, `event ${event.id} instructor`) : -1);
    }
    for (const { room, periods } of event.roomPeriods ?? []) {
      check(rs.includes(room), `event ${event.id}: roomPeriods names room ${room}, not one of its rooms`);
      if (!event.fixed) roomBlockRow![e * R + room] = blockRow(periods, `event ${event.id} room`);
    }
    if (periodCost && event.periodCosts) {
      check(event.periodCosts.length === P, `event ${event.id}: periodCosts must have one entry per period`);
      periodCost.set(event.periodCosts, e * P);
    }
  });
  const payCap = Float64Array.from(model.instructors, (instructor) => {
    const cap = instructor.payCap ?? Number.POSITIVE_INFINITY;
    check(cap >= 0, `instructor ${instructor.id}: payCap must be 0 or more`);
    return cap;
  });
  const anyPaid = model.instructors.some((instructor) => instructor.paid);
  const paid = anyPaid ? new Float64Array(I * P) : null;
  model.instructors.forEach((instructor, i) => {
    if (!instructor.paid) return;
    check(instructor.paid.length === P, `instructor ${instructor.id}: paid needs one entry per period`);
    paid!.set(instructor.paid, i * P);
  });
  const B = model.timeBands ?? 1;
  check(Number.isInteger(B) && B >= 1 && B <= 30, "timeBands must be a whole number from 1 to 30");
  const allBands = 2 ** B - 1;
  const bandMasks = (what: "roomBands" | "instructorBands") =>
    Int32Array.from(model.events, (event) => {
      const mask = event[what] ?? allBands;
      check(
        Number.isInteger(mask) && mask > 0 && (mask & ~allBands) === 0,
        `event ${event.id}: ${what} must name some of the model's ${B} time bands`,
      );
      return mask;
    });
  const periodCsr = csr(periods);
  const roomCsr = csr(rooms);
  const instCsr = csr(insts);
  const courseGroups: number[][] = model.courses.map(() => []);
  model.groups.forEach((group, g) => {
    for (const c of new Set(group.courses)) {
      check(c >= 0 && c < C, `group ${group.id} has an unknown course`);
      courseGroups[c]!.push(g);
    }
  });
  const groupCsr = csr(courseGroups);
  const courseEvents: number[][] = model.courses.map(() => []);
  model.events.forEach((event, e) => {
    courseEvents[event.course]!.push(e);
  });
  const eventCsr = csr(courseEvents);
  const groupEventCsr = csr(
    model.groups.map((group) => [...new Set(group.courses)].flatMap((c) => courseEvents[c]!)),
  );
  const limits = model.instructorLimits ?? [];
  const limitsAt: number[][] = limits.length > 0 ? Array.from({ length: I * P }, () => []) : [];
  limits.forEach((limit, w) => {
    check(limit.instructor >= 0 && limit.instructor < I, `instructor limit ${w} has an unknown instructor`);
    check(Number.isInteger(limit.max) && limit.max >= 0, `instructor limit ${w} needs a max of 0 or more`);
    for (const p of new Set(limit.periods)) {
      check(p >= 0 && p < P, `instructor limit ${w} has an unknown period ${p}`);
      limitsAt[limit.instructor * P + p]!.push(w);
    }
  });
  const limitCsr = csr(limitsAt);
  const pools = model.pools ?? [];
  const poolFree = new Int32Array(pools.length * P);
  pools.forEach((pool, q) => {
    check(pool.free.length === P, `pool ${pool.id} needs one free count per period`);
    pool.free.forEach((units, p) => {
      check(Number.isInteger(units) && units >= 0, `pool ${pool.id} needs whole free counts of 0 or more`);
      poolFree[q * P + p] = units;
    });
  });
  const uses = model.events.map((event) => event.uses ?? []);
  for (const [e, list] of uses.entries())
    for (const use of list) {
      check(use.pool >= 0 && use.pool < pools.length, `event ${model.events[e]!.id} uses an unknown pool`);
      check(
        Number.isInteger(use.quantity) && use.quantity > 0,
        `event ${model.events[e]!.id} needs a whole quantity over 0`,
      );
    }
  const useCsr = csr(uses.map((list) => list.map((use) => use.pool)));
  const courseOrdered = Uint8Array.from(model.courses.map((course) => (course.ordered ? 1 : 0)));
  const eventPrev = new Int32Array(E).fill(-1);
  const eventNext = new Int32Array(E).fill(-1);
  courseEvents.forEach((list, c) => {
    if (!courseOrdered[c]) return;
    for (let k = 1; k < list.length; k++) {
      eventPrev[list[k]!] = list[k - 1]!;
      eventNext[list[k - 1]!] = list[k]!;
    }
  });
  const useQuantity = Int32Array.from(uses.flatMap((list) => list.map((use) => use.quantity)));
  const choices = model.courses.flatMap((course, c) =>
    (course.poolChoices ?? []).map((choice) => ({ c, choice })),
  );
  const courseChoices: number[][] = model.courses.map(() => []);
  choices.forEach(({ c, choice }, j) => {
    const id = model.courses[c]!.id;
    check(choice.options.length > 0, `course ${id} has a pool choice without options`);
    for (const option of choice.options)
      for (const q of option) check(q >= 0 && q < pools.length, `course ${id} chooses an unknown pool`);
    check(
      Number.isInteger(choice.quantity) && choice.quantity > 0,
      `course ${id} needs a whole quantity over 0`,
    );
    courseChoices[c]!.push(j);
  });
  const choiceOptionStart = csr(choices.map(({ choice }) => choice.options.map(() => 0))).start;
  const optionPoolCsr = csr(choices.flatMap(({ choice }) => choice.options));
  const courseChoiceCsr = csr(courseChoices);
  const courseDegree = new Int32Array(C);
  const neighbours = model.courses.map(() => new Set<number>());
  for (const group of model.groups)
    for (const a of group.courses) for (const b of group.courses) if (a !== b) neighbours[a]!.add(b);
  const courseConflict = new Uint8Array(C * C);
  neighbours.forEach((set, c) => {
    courseDegree[c] = set.size;
    courseConflict[c * C + c] = 1;
    for (const other of set) courseConflict[c * C + other] = 1;
  });
  return {
    source: model,
    E,
    P,
    R,
    I,
    C,
    G,
    D,
    periodDay,
    hasPrev,
    hasNext,
    roomCapacity: Int32Array.from(model.rooms.map((room) => room.capacity)),
    eventCourse: Int32Array.from(model.events.map((event) => event.course)),
    eventSize: Int32Array.from(model.events.map((event) => event.size)),
    eventFixed,
    eventNeedsRoom,
    periodStart: periodCsr.start,
    periodList: periodCsr.list,
    periodAllowed,
    roomStart: roomCsr.start,
    roomList: roomCsr.list,
    roomAllowed,
    instStart: instCsr.start,
    instList: instCsr.list,
    instCost: Float64Array.from(costs),
    instPay: pays.some((pay) => pay > 0) ? Float64Array.from(pays) : null,
    instDayCost: dayCosts.some((cost) => cost > 0) ? Float64Array.from(dayCosts) : null,
    countDays: limits.length > 0 || (model.weights.instructorLoad ?? 0) > 0,
    payCap,
    clashPay: payCap.map((cap) => (Number.isFinite(cap) ? cap : 0)),
    paid,
    blocked: Uint8Array.from(blocked),
    instBlockRow: Int32Array.from(blockRows),
    roomBlockRow,
    B,
    eventRoomBands: bandMasks("roomBands"),
    eventInstBands: bandMasks("instructorBands"),
    periodCost,
    courseMinDays: Int32Array.from(model.courses.map((course) => course.minDays)),
    courseGroupStart: groupCsr.start,
    courseGroupList: groupCsr.list,
    groupCompact: Uint8Array.from(model.groups.map((group) => (group.compact ? 1 : 0))),
    courseDegree,
    courseConflict,
    groupEventStart: groupEventCsr.start,
    groupEventList: groupEventCsr.list,
    courseEventStart: eventCsr.start,
    courseEventList: eventCsr.list,
    weights: model.weights,
    fixedPeriod,
    fixedRoom,
    fixedInst,
    W: limits.length,
    limitMax: Int32Array.from(limits.map((limit) => limit.max)),
    limitStart: limitCsr.start,
    limitList: limitCsr.list,
    Q: pools.length,
    poolFree,
    useStart: useCsr.start,
    usePool: useCsr.list,
    useQuantity,
    K: choices.length,
    choiceCourse: Int32Array.from(choices.map(({ c }) => c)),
    choiceQuantity: Int32Array.from(choices.map(({ choice }) => choice.quantity)),
    choiceOptionStart,
    optionPoolStart: optionPoolCsr.start,
    optionPoolList: optionPoolCsr.list,
    courseChoiceStart: courseChoiceCsr.start,
    courseChoiceList: courseChoiceCsr.list,
    courseOrdered,
    eventPrev,
    eventNext,
  };
}
