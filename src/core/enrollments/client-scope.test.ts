import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../auth/actor.js";
import { AppError } from "../errors.js";
import {
  assertClientRecord,
  assertMayActFor,
  assertMayOverride,
  assertSessionOpenTo,
  authorizeOrClient,
  clientFilter,
} from "./client-scope.js";

const actor = (role: Role, clientId: string | null = null): Actor => ({
  tenantId: "t",
  kind: "token",
  id: "tok",
  label: role,
  role,
  clientId,
});
const contact = actor("client_contact", "acme");
const coordinator = actor("coordinator");

/** The error code a call throws, or "ok". */
function outcome(work: () => unknown): string {
  try {
    work();
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("client scope (what a client contact may do)", () => {
  it("lets staff through on their permission and a bound contact through to the scoped checks", () => {
    expect(outcome(() => authorizeOrClient(coordinator, "reference:write"))).toBe("ok");
    expect(outcome(() => authorizeOrClient(actor("viewer"), "reference:write"))).toBe("forbidden");
    expect(outcome(() => authorizeOrClient(contact, "reference:write"))).toBe("ok");
    // A contact without a client (should not exist; the services refuse to create one) gets nothing.
    expect(outcome(() => authorizeOrClient(actor("client_contact", null), "reference:read"))).toBe(
      "forbidden",
    );
  });

  it("acts only for learners and records of the contact's own client; others are not found", () => {
    expect(outcome(() => assertMayActFor(contact, { id: "l1", client_id: "acme" }))).toBe("ok");
    expect(outcome(() => assertMayActFor(contact, { id: "l2", client_id: "globex" }))).toBe("not_found");
    expect(outcome(() => assertMayActFor(contact, { id: "l3", client_id: null }))).toBe("not_found");
    expect(outcome(() => assertMayActFor(coordinator, { id: "l2", client_id: "globex" }))).toBe("ok");
    expect(outcome(() => assertClientRecord(contact, "Enrollment", { id: "e1", client_id: "acme" }))).toBe(
      "ok",
    );
    expect(outcome(() => assertClientRecord(contact, "Certificate", { id: "c1", client_id: "globex" }))).toBe(
      "not_found",
    );
  });

  it("opens public sessions and the contact's own private sessions only", () => {
    const session = (visibility: string, client_id: string | null) => ({ id: "s", visibility, client_id });
    expect(outcome(() => assertSessionOpenTo(contact, session("public", null)))).toBe("ok");
    expect(outcome(() => assertSessionOpenTo(contact, session("public", "globex")))).toBe("ok");
    expect(outcome(() => assertSessionOpenTo(contact, session("private", "acme")))).toBe("ok");
    expect(outcome(() => assertSessionOpenTo(contact, session("private", "globex")))).toBe("not_found");
    expect(outcome(() => assertSessionOpenTo(contact, session("private", null)))).toBe("not_found");
    expect(outcome(() => assertSessionOpenTo(coordinator, session("private", "globex")))).toBe("ok");
  });

  it("never lets a contact override a cut-off", () => {
    expect(outcome(() => assertMayOverride(contact, null))).toBe("ok");
    expect(outcome(() => assertMayOverride(contact, { reason: "please" }))).toBe("forbidden");
    expect(outcome(() => assertMayOverride(coordinator, { reason: "bereavement" }))).toBe("ok");
  });

  it("pins list filters to the contact's client", () => {
    expect(clientFilter(contact, undefined)).toBe("acme");
    expect(clientFilter(contact, "acme")).toBe("acme");
    expect(outcome(() => clientFilter(contact, "globex"))).toBe("not_found");
    expect(clientFilter(coordinator, undefined)).toBeUndefined();
    expect(clientFilter(coordinator, "globex")).toBe("globex");
  });
});
