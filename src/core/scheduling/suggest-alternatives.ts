import type { Executor } from "../db/database.js";
import type { CoursesTable } from "../db/schema.js";
import { addDays, instantToLocalDate, localToInstant } from "../time/zoned.js";
import { candidatesRepository } from "./candidates.repository.js";
import { courseProfile, loadConflictContext } from "./conflict-context.js";
import { findConflicts } from "./engine/find-conflicts.js";
import type { Conflict, ConflictContext, Proposal } from "./engine/types.js";
import type { ReferenceReads } from "./reference-reads.js";

const DAY_MS = 24 * 3600_000;
const CANDIDATE_LIMIT = 200;
const PER_CONFLICT = 5;
const SLOTS = 3;

export interface Suggestions {
  /** For each instructor with a conflict: free, qualified substitutes, cheapest and least loaded first. */
  instructors: {
    replaces: string;
    candidates: {
      instructorId: string;
      name: string;
      dayRateMinor: number | null;
      hourRateMinor: number | null;
      currency: string;
      teachingDaysThatMonth: number;
    }[];
  }[];
  /** For each room with a conflict: free rooms that fit, tightest fit first. */
  rooms: {
    replaces: string;
    candidates: {
      roomId: string;
      name: string;
      capacity: number;
      costPerDayMinor: number | null;
      currency: string;
    }[];
  }[];
  /** The nearest days on which the whole session, as proposed, has no conflict at all. */
  slots: {
    shiftDays: number;
    segments: { start: string; end: string; startsAt: string; endsAt: string }[];
  }[];
}

/** The instructors and rooms a set of conflicts asks to replace. */
export const replacementsFor = (conflicts: Conflict[]) => {
  const ids = (type: "instructor" | "room") => [
    ...new Set(conflicts.filter((c) => c.resource.type === type).map((c) => c.resource.id)),
  ];
  return { instructors: ids("instructor"), rooms: ids("room") };
};

/**
 * Ranked ways out of a proposal's conflicts. Every candidate is verified with the same engine
 * that refuses writes, against the bookings of the moment, so applying one cannot create a new
 * conflict for that resource.
 */
export async function suggestAlternatives(
  db: Executor,
  tenantId: string,
  course: CoursesTable,
  proposal: Proposal,
  replace: { instructors: string[]; rooms: string[] },
  options: { windowDays?: number; slots?: boolean; reads?: ReferenceReads } = {},
): Promise<Suggestions> {
  const windowDays = options.windowDays ?? 14;
  const busyInstructors = replace.instructors;
  const busyRooms = replace.rooms;
  const assigned = new Set(proposal.instructors.map((i) => i.instructorId));
  const usedRooms = new Set(proposal.segments.flatMap((s) => (s.roomId ? [s.roomId] : [])));
  const profile = courseProfile(course);

  const instructorCandidates =
    busyInstructors.length === 0
      ? []
      : (
          await candidatesRepository.instructorsFor(
            db,
            tenantId,
            { id: course.id, skills: profile.requiredQualifications },
            CANDIDATE_LIMIT,
          )
        ).filter((id) => !assigned.has(id));
  const roomCandidates =
    busyRooms.length === 0
      ? []
      : (await candidatesRepository.roomsAt(db, tenantId, proposal.locationId, 1, CANDIDATE_LIMIT)).filter(
          (id) => !usedRooms.has(id),
        );
  const context = await loadConflictContext(db, tenantId, {
    course,
    proposal,
    extraInstructorIds: instructorCandidates,
    extraRoomIds: roomCandidates,
    marginMs: windowDays * DAY_MS,
    reads: options.reads,
  });

  const freeFor = (candidate: Proposal, type: "instructor" | "room", id: string) =>
    !findConflicts(candidate, context).some((c) => c.resource.type === type && c.resource.id === id);

  const instructorCosts = new Map(
    (await candidatesRepository.costs(db, tenantId, instructorCandidates)).map((row) => [row.id, row]),
  );
  const instructors = busyInstructors.map((replaces) => {
    const assignment = proposal.instructors.find((i) => i.instructorId === replaces)!;
    const free = instructorCandidates.filter((candidate) =>
      freeFor(
        {
          ...proposal,
          instructors: proposal.instructors.map((i) =>
            i === assignment ? { ...i, instructorId: candidate } : i,
          ),
        },
        "instructor",
        candidate,
      ),
    );
    const monthOf = instantToLocalDate(proposal.segments[0]!.start, proposal.timeZone).slice(0, 7);
    const ranked = free
      .map((instructorId) => {
        const row = instructorCosts.get(instructorId)!;
        return {
          instructorId,
          name: row.name,
          dayRateMinor: row.day_rate_minor,
          hourRateMinor: row.hour_rate_minor,
          currency: row.currency,
          teachingDaysThatMonth: teachingDays(context, instructorId, monthOf),
        };
      })
      .sort(
        (a, b) =>
          (a.dayRateMinor ?? Number.MAX_SAFE_INTEGER) - (b.dayRateMinor ?? Number.MAX_SAFE_INTEGER) ||
          a.teachingDaysThatMonth - b.teachingDaysThatMonth ||
          a.name.localeCompare(b.name),
      );
    return { replaces, candidates: ranked.slice(0, PER_CONFLICT) };
  });

  const roomCosts = new Map(
    (await candidatesRepository.roomCosts(db, tenantId, roomCandidates)).map((row) => [row.id, row]),
  );
  const rooms = busyRooms.map((replaces) => {
    const fits = roomCandidates.filter((candidate) =>
      freeFor(
        {
          ...proposal,
          segments: proposal.segments.map((s) => (s.roomId === replaces ? { ...s, roomId: candidate } : s)),
        },
        "room",
        candidate,
      ),
    );
    const candidates = fits
      .map((roomId) => roomCosts.get(roomId)!)
      .filter((room) => room.capacity >= proposal.maxSeats)
      .sort((a, b) => a.capacity - b.capacity || (a.cost_per_day_minor ?? 0) - (b.cost_per_day_minor ?? 0))
      .slice(0, PER_CONFLICT)
      .map((room) => ({
        roomId: room.id,
        name: room.name,
        capacity: room.capacity,
        costPerDayMinor: room.cost_per_day_minor,
        currency: room.currency,
      }));
    return { replaces, candidates };
  });

  const slots: Suggestions["slots"] = [];
  for (
    let distance = 1;
    options.slots !== false && distance <= windowDays && slots.length < SLOTS;
    distance++
  ) {
    for (const shiftDays of [distance, -distance]) {
      const shifted = shiftProposal(proposal, shiftDays);
      if (findConflicts(shifted, context).length > 0) continue;
      slots.push({
        shiftDays,
        segments: shifted.segments.map((s) => ({
          start: s.startLocal,
          end: s.endLocal,
          startsAt: new Date(s.start).toISOString(),
          endsAt: new Date(s.end).toISOString(),
        })),
      });
      if (slots.length === SLOTS) break;
    }
  }
  return { instructors, rooms, slots };
}

/** The same wall-clock times `days` later (DST-correct: 09:00 stays 09:00). */
export function shiftProposal(proposal: Proposal, days: number): Proposal {
  const move = (local: string) => `${addDays(local.slice(0, 10), days)}${local.slice(10)}`;
  return {
    ...proposal,
    segments: proposal.segments.map((segment) => {
      const startLocal = move(segment.startLocal);
      const endLocal = move(segment.endLocal);
      return {
        ...segment,
        startLocal,
        endLocal,
        start: localToInstant(startLocal, proposal.timeZone),
        end: localToInstant(endLocal, proposal.timeZone),
      };
    }),
  };
}

function teachingDays(context: ConflictContext, instructorId: string, month: string): number {
  const zone = context.instructors.get(instructorId)?.timeZone ?? "UTC";
  const days = new Set(
    context.bookings
      .filter((b) => b.resourceType === "instructor" && b.resourceId === instructorId)
      .map((b) => instantToLocalDate(b.start, zone))
      .filter((date) => date.startsWith(month)),
  );
  return days.size;
}
