import type { Executor } from "../db/database.js";
import { locationRepository } from "../resources/locations.repository.js";

/**
 * Minutes of travel from each instructor's home location to a location, from the tenant's travel
 * times. Nothing to travel (0) when the instructor has no home location, works from the place
 * itself, the session is virtual (no location), or no travel time is recorded between the two.
 */
export async function loadTravelMinutes(
  db: Executor,
  tenantId: string,
  instructors: readonly { id: string; home_location_id: string | null }[],
): Promise<(instructorId: string, locationId: string | null) => number> {
  const homes = new Map(instructors.map((row) => [row.id, row.home_location_id]));
  const homeIds = [
    ...new Set(instructors.flatMap((row) => (row.home_location_id ? [row.home_location_id] : []))),
  ];
  const minutes = new Map<string, number>();
  if (homeIds.length > 0)
    for (const row of await locationRepository.travelTimesFrom(db, tenantId, homeIds))
      minutes.set(`${row.from_location_id} ${row.to_location_id}`, row.minutes);
  return (instructorId, locationId) => {
    const home = homes.get(instructorId);
    if (!home || !locationId || home === locationId) return 0;
    return minutes.get(`${home} ${locationId}`) ?? 0;
  };
}
