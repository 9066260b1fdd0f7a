import { z } from "zod";
import { roleSchema } from "../auth/auth.schemas.js";
import { entityId } from "../shared/schemas.js";
import { tenantSlug } from "../tenancy/tenancy.schemas.js";

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  tenant: tenantSlug
    .optional()
    .meta({ description: "Tenant slug; needed only when the same email has a login in several tenants" }),
});

export const userCreateSchema = z.object({
  email: z.email().trim().max(320),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: z.string().min(10, "must be at least 10 characters").max(1000),
  instructorId: entityId
    .nullable()
    .default(null)
    .meta({ description: "For the instructor role: the instructor this user is (instructor portal)" }),
  clientId: entityId
    .nullable()
    .default(null)
    .meta({ description: "For the client_contact role (and only for it): the client this user acts for" }),
});

export const userPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    instructorId: entityId.nullable().optional(),
    clientId: entityId.nullable().optional(),
    disabled: z
      .boolean()
      .optional()
      .meta({ description: "true deactivates (their sessions end at once); false reactivates" }),
  })
  .meta({ id: "UserPatch" });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    instructorId: z.string().nullable(),
    clientId: z.string().nullable(),
    learnerId: z.string().nullable().meta({ description: "For the learner role: the learner this user is" }),
    disabledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "User" });

export const loginResultSchema = z
  .object({
    user: userSchema,
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    csrfToken: z.string().meta({
      description:
        "Send it back as the X-CSRF-Token header on every POST/PUT/PATCH/DELETE (also in the lectern_csrf cookie)",
    }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "LoginResult" });

export type LoginInput = z.output<typeof loginSchema>;
export type UserCreate = z.output<typeof userCreateSchema>;
export type UserPatch = z.output<typeof userPatchSchema>;
export type User = z.output<typeof userSchema>;
