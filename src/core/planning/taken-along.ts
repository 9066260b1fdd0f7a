import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { loadRecord } from "../scheduling/session-writes.js";
import { fromJson } from "../shared/json.js";
import type { EquipmentNeed } from "./plan-equipment.js";

/**
 * A draft moves with its seated learners and its equipment lines, each for the segments it names
 * (by position; absent when it is for all of them).
 */
export async function takenAlong(
  db: Executor,
  tenantId: string,
  sessionId: string | null,
): Promise<{ learnerIds: string[]; needs: EquipmentNeed[] }> {
  if (!sessionId) return { learnerIds: [], needs: [] };
  const [learnerIds, record] = await Promise.all([
    enrollmentRepository.seatedLearnerIds(db, tenantId, sessionId),
    loadRecord(db, tenantId, sessionId),
  ]);
  const pools = new Map(
    (
      await entityStore.findMany(
        db,
        "equipment",
        tenantId,
        record.equipment.map((line) => line.equipment_id),
      )
    ).map((row) => [row.id, row]),
  );
  return {
    learnerIds,
    needs: record.equipment.map((line) => {
      // Unreadable references count as the whole session (the cautious reading).
      const ids =
        line.segment_ids_json === null ? null : fromJson<string[] | null>(line.segment_ids_json, null);
      const segments = ids
        ?.map((id) => record.segments.findIndex((segment) => segment.id === id))
        .filter((position) => position >= 0);
      return {
        quantity: line.quantity,
        pools: [
          {
            equipmentId: line.equipment_id,
            name: pools.get(line.equipment_id)?.name ?? line.equipment_id,
            stock: pools.get(line.equipment_id)?.quantity ?? 0,
          },
        ],
        ...(segments && segments.length < record.segments.length ? { segments } : {}),
      };
    }),
  };
}
