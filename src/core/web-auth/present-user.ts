import type { Role } from "../auth/actor.js";
import type { UsersTable } from "../db/schema.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import type { User } from "./web-auth.schemas.js";

export const presentUser = (row: UsersTable): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  instructorId: row.instructor_id ?? null,
  clientId: row.client_id ?? null,
  learnerId: row.learner_id ?? null,
  disabledAt: toIsoOrNull(row.disabled_at),
  createdAt: toIso(row.created_at),
});
