// Deterministic learners: client staff with managers, departments and HR ids, plus individuals.
import { type Culture, cultures, emailWord, fullName, namePools } from "./demo-names.js";
import { type DemoClient, demoDepartments, type EmailFormat } from "./demo-people.js";
import type { DemoRandom } from "./demo-random.js";

export interface PlannedLearner {
  /** Index into the client list; null for an individual who books for themselves */
  client: number | null;
  name: string;
  email: string;
  managerEmail: string | null;
  phone: string | null;
  language: string;
  timeZone: string;
  externalId: string | null;
  customFields: Record<string, string | number | boolean>;
  tags: string[];
  notes: string | null;
}

export interface PlannedContact {
  name: string;
  email: string;
  role: string;
  phone: string;
  isPrimary: boolean;
}

const individualDomains = ["example.com", "example.net", "example.org"];
const individualZones = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Singapore",
  "Australia/Sydney",
];
const occasionalNotes = [
  "Needs step-free access",
  "Vegetarian lunch",
  "Prefers morning sessions",
  "Hearing loop requested",
  "Gluten-free lunch",
];

const localPart = (format: EmailFormat, given: string, family: string): string => {
  const g = emailWord(given);
  const f = emailWord(family);
  switch (format) {
    case "first.last":
      return `${g}.${f}`;
    case "flast":
      return `${g[0]}${f}`;
    case "first_last":
      return `${g}_${f}`;
    case "firstl":
      return `${g}${f[0]}`;
  }
};

/** Keeps addresses unique by appending 2, 3 … to a taken local part. */
class EmailBook {
  private readonly taken = new Set<string>();

  claim(local: string, domain: string): string {
    for (let n = 1; ; n++) {
      const email = `${local}${n === 1 ? "" : n}@${domain}`;
      if (!this.taken.has(email)) {
        this.taken.add(email);
        return email;
      }
    }
  }
}

const phoneFormats: Record<string, (random: DemoRandom) => string> = {
  GB: (r) => `+44 7700 900${String(r.int(0, 999)).padStart(3, "0")}`,
  US: (r) => `+1 ${r.pick(["212", "646", "973"])}-555-01${String(r.int(0, 99)).padStart(2, "0")}`,
  DE: (r) => `+49 151 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`,
  FR: (r) => `+33 6 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
  NL: (r) => `+31 6 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`,
  SG: (r) => `+65 ${r.pick(["8", "9"])}${r.int(100, 999)} ${r.int(1000, 9999)}`,
  MY: (r) => `+60 1${r.int(2, 9)}-${r.int(100, 999)} ${r.int(1000, 9999)}`,
};

/** Splits `total` over the weights by largest remainder, so the counts always add up. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) }));
  order.sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let i = 0; i < total - counts.reduce((a, b) => a + b, 0); i++) counts[order[i]!.index]!++;
  return counts;
}

export function planContacts(client: DemoClient): PlannedContact[] {
  return client.contacts.map((contact, index) => {
    const [given = "", ...rest] = contact.name.split(" ");
    const local = rest.length > 0 ? localPart(client.emailFormat, given, rest.join(" ")) : emailWord(given);
    return { ...contact, email: `${local}@${client.domain}`, isPrimary: index === 0 };
  });
}

export function planLearners(
  random: DemoRandom,
  clients: readonly DemoClient[],
  options: { total: number; individuals: number },
): PlannedLearner[] {
  const emails = new EmailBook();
  const learners: PlannedLearner[] = [];
  const counts = apportion(
    options.total - options.individuals,
    clients.map((client) => client.weight),
  );
  const person = (pool: readonly (readonly [Culture, number])[]) => {
    const culture = random.weighted(pool);
    const given = random.pick(namePools[culture].given);
    const family = random.pick(namePools[culture].family);
    return { given, family, name: fullName(culture, given, family) };
  };
  const extras = () => ({
    tags: [
      ...(random.chance(0.05) ? ["high-potential"] : []),
      ...(random.chance(0.04) ? ["first-aider"] : []),
    ],
    notes: random.chance(0.03) ? random.pick(occasionalNotes) : null,
  });

  clients.forEach((client, clientIndex) => {
    const count = counts[clientIndex]!;
    const managers: string[] = [];
    const managerCount = Math.ceil(count * 0.12);
    let nextHrId = random.int(10_000, 60_000);
    for (let i = 0; i < count; i++) {
      const isManager = i < managerCount;
      const { given, family, name } = person(client.cultures);
      const email = emails.claim(localPart(client.emailFormat, given, family), client.domain);
      const departmentIndex = random.int(0, demoDepartments.length - 1);
      const hireYear = random.int(2004, 2027);
      const { tags, notes } = extras();
      nextHrId += random.int(1, 9);
      learners.push({
        client: clientIndex,
        name,
        email,
        managerEmail: !isManager && managers.length > 0 && random.chance(0.85) ? random.pick(managers) : null,
        phone: isManager || random.chance(0.25) ? phoneFormats[client.address.country]!(random) : null,
        language: client.language !== "en" && random.chance(0.1) ? "en" : client.language,
        timeZone: client.timeZone,
        externalId: client.hrIds ? `E${nextHrId}` : null,
        customFields: {
          department: demoDepartments[departmentIndex]!,
          costCenter: `${client.code}-${(departmentIndex + 1) * 100}`,
          hireYear,
          ...(random.chance(0.2) && { remote: true }),
        },
        tags: [...(isManager ? ["manager"] : []), ...(hireYear >= 2026 ? ["new-hire"] : []), ...tags],
        notes,
      });
      if (isManager) managers.push(email);
    }
  });

  const everyone = cultures.map((culture) => [culture, 1] as const);
  for (let i = 0; i < options.individuals; i++) {
    const { given, family, name } = person(everyone);
    const local = `${emailWord(given)}.${emailWord(family)}${random.chance(0.3) ? random.int(70, 99) : ""}`;
    const { tags, notes } = extras();
    learners.push({
      client: null,
      name,
      email: emails.claim(local, random.pick(individualDomains)),
      managerEmail: null,
      phone: random.chance(0.5) ? phoneFormats[random.pick(["GB", "US", "SG"])]!(random) : null,
      language: random.weighted([
        ["en", 6],
        ["es", 1],
        ["de", 1],
        ["fr", 1],
      ]),
      timeZone: random.pick(individualZones),
      externalId: null,
      customFields: { source: random.pick(["website", "referral", "newsletter", "event"]) },
      tags: ["self-funded", ...tags],
      notes,
    });
  }
  return random.shuffle(learners);
}
