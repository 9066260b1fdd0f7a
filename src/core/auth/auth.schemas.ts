import { z } from "zod";
import { entityId } from "../shared/schemas.js";
import { roles } from "./actor.js";

export const roleSchema = z.enum(roles).meta({
  description:
    "admin: everything; coordinator: manage operations data; finance, instructor, viewer: read (more as their features land); client_contact: enroll and approve the learners of one client (clientId), read its certificates and compliance; learner: their own enrollments and certificates (signs in by e-mailed link)",
});

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100).default("API token"),
  role: roleSchema.default("viewer"),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  clientId: entityId
    .nullable()
    .default(null)
    .meta({ description: "For the client_contact role (and only for it): the client the token acts for" }),
});

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    prefix: z.string().meta({ description: "First characters of the token, to tell tokens apart" }),
    userId: z.string().nullable(),
    clientId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiToken" });

export const createdTokenSchema = tokenSchema
  .extend({ token: z.string().meta({ description: "The secret. Shown once; only its hash is stored." }) })
  .meta({ id: "CreatedApiToken" });

export const meSchema = z
  .object({
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    actor: z.object({
      kind: z.string(),
      id: z.string().nullable(),
      label: z.string(),
      role: roleSchema,
      clientId: z
        .string()
        .nullable()
        .meta({ description: "The client a client_contact acts for; null for other roles" }),
      learnerId: z
        .string()
        .nullable()
        .meta({ description: "The learner a learner user is; null for other roles" }),
    }),
    user: z
      .object({ id: z.string(), email: z.string(), name: z.string(), instructorId: z.string().nullable() })
      .nullable()
      .meta({ description: "The signed-in person (web app and user tokens); null for other tokens" }),
  })
  .meta({ id: "Me" });

export type TokenCreate = z.output<typeof tokenCreateSchema>;
export type ApiToken = z.output<typeof tokenSchema>;
export type CreatedApiToken = z.output<typeof createdTokenSchema>;
export type Me = z.output<typeof meSchema>;
