import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/** The one schema for everything Lectern reads from the environment. */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("sqlite:./data/lectern.db")
    .refine((url) => /^(sqlite:|postgres(ql)?:\/\/)/.test(url), {
      message: "must be sqlite:<path> or postgres://user@host:port/database",
    }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.stringbool().default(false)),
  LECTERN_TENANT_SLUG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes")
    .default("default"),
  LECTERN_TENANT_NAME: z.string().min(1).default("My Training Company"),
  LECTERN_ADMIN_EMAIL: z.email().default("admin@example.com"),
  LECTERN_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12).optional()),
  LECTERN_ADMIN_TOKEN: optionalString.pipe(z.string().min(32).optional()),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be smtp://[user:pass@]host:port or smtps://…")
      .optional(),
  ),
  SMTP_FROM: z.string().min(3).default("Lectern <no-reply@localhost>"),
  /** Run the job worker inside `lectern serve` (turn off when `lectern worker` processes run). */
  LECTERN_WORKER: z.preprocess(emptyToUndefined, z.stringbool().default(true)),
  REMINDER_OFFSETS: z
    .string()
    .regex(/^\s*\d+\s*[dhm](\s*,\s*\d+\s*[dhm])*\s*$/, "comma-separated offsets like 7d,1d,2h")
    .default("7d,1d"),
  PRE_COURSE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment once, failing with every problem listed, not just the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

export function publicUrl(config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, "");
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  return `http://${host}:${config.PORT}`;
}
