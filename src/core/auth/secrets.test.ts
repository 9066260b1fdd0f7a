import { describe, expect, it } from "vitest";
import { generateApiToken, hashPassword, hashToken, tokenPrefix, verifyPassword } from "./secrets.js";

describe("secrets", () => {
  it("hashes passwords with a salt and verifies only the right one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$/);
    expect(await hashPassword("correct horse battery staple")).not.toBe(stored);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
  });

  it("makes 256-bit tokens stored only as SHA-256", () => {
    const token = generateApiToken();
    expect(token).toMatch(/^lct_[\w-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token.slice(4));
    expect(tokenPrefix(token)).toBe(token.slice(0, 12));
  });
});
