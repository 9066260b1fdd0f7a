// The demo company's instructors and client organisations.
import type { Area } from "./demo-courses.js";
import type { LocationKey } from "./demo-data.js";
import type { Culture } from "./demo-names.js";

/** Weekly availability patterns (rules are built in demo-plan.ts). */
export type AvailabilityPattern =
  | "full-time"
  | "part-time"
  | "four-days"
  | "extended"
  | "contract-2027"
  | "reduced-from-july"
  | "any-time";

export interface DemoInstructor {
  name: string;
  /** Local part of the email; contractors use their own domain. */
  email: string;
  kind: "internal" | "contractor";
  home: LocationKey;
  areas: Area[];
  skills: string[];
  dayRate: number;
  hourRate?: number;
  maxDaysPerWeek?: number;
  maxDaysPerMonth?: number;
  languages: string[];
  availability: AvailabilityPattern;
  phone: string;
}

// biome-ignore format: one instructor per line reads as a table
export const demoInstructors: DemoInstructor[] = [
  { name: "Eleanor Whitfield", email: "eleanor.whitfield", kind: "internal", home: "lon", areas: ["project", "leadership"], skills: ["prince2-trainer", "pmp"], dayRate: 52_000, languages: ["en"], availability: "full-time", phone: "+44 7700 900112" },
  { name: "Marcus Adeyemi", email: "marcus.adeyemi", kind: "internal", home: "lon", areas: ["agile", "project"], skills: ["scrum-trainer", "safe-spc"], dayRate: 50_000, languages: ["en"], availability: "full-time", phone: "+44 7700 900245" },
  { name: "Priya Raman", email: "priya@raman-analytics.example", kind: "contractor", home: "lon", areas: ["data", "office"], skills: ["data-science", "excel-expert", "microsoft-certified-trainer"], dayRate: 85_000, hourRate: 12_500, maxDaysPerWeek: 3, maxDaysPerMonth: 10, languages: ["en", "hi"], availability: "part-time", phone: "+44 7700 900378" },
  { name: "Tom Gallagher", email: "tom.gallagher", kind: "internal", home: "lon", areas: ["safety"], skills: ["first-aid-instructor", "fire-safety", "mhfa-instructor"], dayRate: 38_000, languages: ["en"], availability: "full-time", phone: "+44 7700 900431" },
  { name: "Sophie Laurent", email: "sophie@laurent-conseil.example", kind: "contractor", home: "lon", areas: ["compliance", "security"], skills: ["gdpr-practitioner", "aml-specialist"], dayRate: 95_000, maxDaysPerMonth: 12, languages: ["en", "fr"], availability: "four-days", phone: "+44 7700 900557" },
  { name: "Jakob Weber", email: "jakob@weber-leadership.example", kind: "contractor", home: "lon", areas: ["leadership", "communication", "sales"], skills: ["leadership-coach"], dayRate: 120_000, hourRate: 18_000, languages: ["en", "de"], availability: "reduced-from-july", phone: "+44 7700 900689" },
  { name: "Hannah Okafor", email: "hannah.okafor", kind: "internal", home: "lon", areas: ["service", "sales", "communication"], skills: [], dayRate: 42_000, languages: ["en"], availability: "full-time", phone: "+44 7700 900734" },
  { name: "Daniel Rosen", email: "daniel.rosen", kind: "internal", home: "nyc", areas: ["cloud", "security"], skills: ["aws-authorized-instructor", "cka"], dayRate: 68_000, languages: ["en"], availability: "full-time", phone: "+1 212-555-0143" },
  { name: "María González", email: "maria.gonzalez", kind: "internal", home: "nyc", areas: ["itsm", "service"], skills: ["itil4-trainer"], dayRate: 55_000, languages: ["en", "es"], availability: "full-time", phone: "+1 212-555-0167" },
  { name: "Kevin O'Brien", email: "kevin@obrien-security.example", kind: "contractor", home: "nyc", areas: ["security"], skills: ["cissp", "appsec"], dayRate: 140_000, hourRate: 20_000, maxDaysPerWeek: 4, languages: ["en"], availability: "contract-2027", phone: "+1 646-555-0119" },
  { name: "Aisha Thompson", email: "aisha.thompson", kind: "internal", home: "nyc", areas: ["leadership", "communication"], skills: ["leadership-coach"], dayRate: 58_000, languages: ["en"], availability: "four-days", phone: "+1 212-555-0188" },
  { name: "Luis Herrera", email: "luis.herrera", kind: "internal", home: "nyc", areas: ["safety"], skills: ["first-aid-instructor", "nebosh", "fire-safety"], dayRate: 44_000, languages: ["en", "es"], availability: "full-time", phone: "+1 212-555-0104" },
  { name: "Rachel Kim", email: "rachel@kimdata.example", kind: "contractor", home: "nyc", areas: ["data", "cloud"], skills: ["data-science", "microsoft-certified-trainer"], dayRate: 115_000, maxDaysPerMonth: 14, languages: ["en", "ko"], availability: "any-time", phone: "+1 917-555-0136" },
  { name: "Brian Mitchell", email: "brian.mitchell", kind: "internal", home: "nyc", areas: ["project", "agile", "sales"], skills: ["pmp", "scrum-trainer"], dayRate: 54_000, languages: ["en"], availability: "extended", phone: "+1 212-555-0172" },
  { name: "Tan Wei Ling", email: "weiling.tan", kind: "internal", home: "sin", areas: ["project", "itsm"], skills: ["prince2-trainer", "itil4-trainer"], dayRate: 46_000, languages: ["en", "zh"], availability: "full-time", phone: "+65 8123 4501" },
  { name: "Arjun Menon", email: "arjun.menon", kind: "internal", home: "sin", areas: ["cloud", "data", "office"], skills: ["aws-authorized-instructor", "microsoft-certified-trainer", "excel-expert"], dayRate: 48_000, languages: ["en", "hi", "ml"], availability: "full-time", phone: "+65 8123 4502" },
  { name: "Nur Aisyah Rahman", email: "nuraisyah.rahman", kind: "internal", home: "sin", areas: ["safety", "service"], skills: ["first-aid-instructor", "mhfa-instructor"], dayRate: 36_000, maxDaysPerWeek: 3, languages: ["en", "ms"], availability: "part-time", phone: "+65 8123 4503" },
  { name: "Kenji Watanabe", email: "kenji@watanabe-agile.example", kind: "contractor", home: "sin", areas: ["agile", "leadership"], skills: ["scrum-trainer", "safe-spc"], dayRate: 98_000, maxDaysPerWeek: 3, languages: ["en", "ja"], availability: "contract-2027", phone: "+65 9123 4504" },
  { name: "Grace Lim", email: "grace.lim", kind: "internal", home: "sin", areas: ["compliance", "communication", "office"], skills: ["gdpr-practitioner", "aml-specialist", "excel-expert"], dayRate: 45_000, languages: ["en", "zh"], availability: "four-days", phone: "+65 8123 4505" },
  { name: "Rafael Santos", email: "rafael@santos-cyber.example", kind: "contractor", home: "sin", areas: ["security", "cloud"], skills: ["cissp", "cka", "appsec"], dayRate: 125_000, hourRate: 19_000, maxDaysPerMonth: 10, languages: ["en", "pt"], availability: "extended", phone: "+65 9123 4506" },
];

export type EmailFormat = "first.last" | "flast" | "first_last" | "firstl";

export interface DemoClient {
  name: string;
  code: string;
  domain: string;
  industry: string;
  /** Relative share of the learners */
  weight: number;
  timeZone: string;
  language: string;
  /** Name cultures of its staff, with weights */
  cultures: [Culture, number][];
  emailFormat: EmailFormat;
  /** Learners carry an HR system id */
  hrIds: boolean;
  address: { line1: string; city: string; postalCode: string; region?: string; country: string };
  taxId: string;
  paymentTermsDays: number;
  purchaseOrderRequired: boolean;
  contacts: { name: string; role: string; phone: string }[];
}

const uk: [Culture, number][] = [
  ["english", 8],
  ["indian", 2],
  ["polish", 1],
  ["nigerian", 1],
  ["arabic", 1],
  ["italian", 1],
  ["chinese", 1],
];
const us: [Culture, number][] = [
  ["english", 8],
  ["hispanic", 4],
  ["indian", 2],
  ["chinese", 1],
  ["korean", 1],
  ["nigerian", 1],
  ["vietnamese", 1],
];
const sg: [Culture, number][] = [
  ["chinese", 6],
  ["malay", 2],
  ["indian", 2],
  ["english", 1],
  ["filipino", 1],
];

// biome-ignore format: one client per block reads better than one field per line
export const demoClients: DemoClient[] = [
  { name: "Northwind Logistics Ltd", code: "NWL", domain: "northwind-logistics.example", industry: "logistics", weight: 80, timeZone: "Europe/London", language: "en", cultures: uk, emailFormat: "first.last", hrIds: true,
    address: { line1: "Unit 4, Thameside Industrial Park", city: "Tilbury", postalCode: "RM18 7HJ", country: "GB" }, taxId: "GB294881237", paymentTermsDays: 30, purchaseOrderRequired: true,
    contacts: [{ name: "Claire Hutchinson", role: "Head of Learning & Development", phone: "+44 20 7946 0321" }, { name: "Gareth Evans", role: "Accounts payable", phone: "+44 20 7946 0322" }] },
  { name: "Meridian Bank plc", code: "MBP", domain: "meridianbank.example", industry: "financial-services", weight: 70, timeZone: "Europe/London", language: "en", cultures: uk, emailFormat: "first.last", hrIds: true,
    address: { line1: "1 Cannon Street", city: "London", postalCode: "EC4N 5AR", country: "GB" }, taxId: "GB571203948", paymentTermsDays: 45, purchaseOrderRequired: true,
    contacts: [{ name: "Oliver Bennett", role: "Compliance training lead", phone: "+44 20 7946 0480" }, { name: "Fatima Khan", role: "Talent development manager", phone: "+44 20 7946 0481" }, { name: "Procurement desk", role: "Procurement", phone: "+44 20 7946 0499" }] },
  { name: "Hartwell & Stone LLP", code: "HSL", domain: "hartwellstone.example", industry: "legal", weight: 30, timeZone: "Europe/London", language: "en", cultures: uk, emailFormat: "flast", hrIds: false,
    address: { line1: "22 Chancery Lane", city: "London", postalCode: "WC2A 1LS", country: "GB" }, taxId: "GB813540276", paymentTermsDays: 30, purchaseOrderRequired: false,
    contacts: [{ name: "Imogen Hartley", role: "Practice manager", phone: "+44 20 7946 0755" }] },
  { name: "Bluepeak Software Inc.", code: "BPS", domain: "bluepeak.example", industry: "technology", weight: 70, timeZone: "America/New_York", language: "en", cultures: us, emailFormat: "firstl", hrIds: true,
    address: { line1: "55 Water Street, Floor 32", city: "New York", postalCode: "10041", region: "NY", country: "US" }, taxId: "84-2916735", paymentTermsDays: 30, purchaseOrderRequired: false,
    contacts: [{ name: "Jordan Reyes", role: "People enablement", phone: "+1 212-555-0190" }, { name: "Megan Schultz", role: "Engineering manager", phone: "+1 212-555-0191" }] },
  { name: "Crescent Health Systems", code: "CHS", domain: "crescenthealth.example", industry: "healthcare", weight: 60, timeZone: "America/New_York", language: "en", cultures: us, emailFormat: "first.last", hrIds: true,
    address: { line1: "600 Crescent Avenue", city: "Newark", postalCode: "07102", region: "NJ", country: "US" }, taxId: "22-4871530", paymentTermsDays: 60, purchaseOrderRequired: true,
    contacts: [{ name: "Denise Carter", role: "Director of clinical education", phone: "+1 973-555-0124" }, { name: "Samuel Brooks", role: "Purchasing", phone: "+1 973-555-0125" }] },
  { name: "Atlas Manufacturing GmbH", code: "AMG", domain: "atlas-manufacturing.example", industry: "manufacturing", weight: 50, timeZone: "Europe/Berlin", language: "de", cultures: [["german", 8], ["turkish", 2], ["polish", 1], ["italian", 1]], emailFormat: "first.last", hrIds: true,
    address: { line1: "Industriestraße 12", city: "München", postalCode: "80939", region: "BY", country: "DE" }, taxId: "DE298145763", paymentTermsDays: 30, purchaseOrderRequired: true,
    contacts: [{ name: "Katrin Hoffmann", role: "Personalentwicklung", phone: "+49 89 1234 5670" }] },
  { name: "Lumière Retail SA", code: "LRS", domain: "lumiere-retail.example", industry: "retail", weight: 40, timeZone: "Europe/Paris", language: "fr", cultures: [["french", 8], ["arabic", 2], ["italian", 1], ["hispanic", 1]], emailFormat: "flast", hrIds: false,
    address: { line1: "48 rue de Rivoli", city: "Paris", postalCode: "75004", country: "FR" }, taxId: "FR40512345678", paymentTermsDays: 45, purchaseOrderRequired: false,
    contacts: [{ name: "Camille Moreau", role: "Responsable formation", phone: "+33 1 70 36 12 45" }, { name: "Julien Petit", role: "Comptabilité fournisseurs", phone: "+33 1 70 36 12 46" }] },
  { name: "Straits Energy Pte. Ltd.", code: "SEP", domain: "straits-energy.example", industry: "energy", weight: 50, timeZone: "Asia/Singapore", language: "en", cultures: sg, emailFormat: "first_last", hrIds: true,
    address: { line1: "1 Harbourfront Avenue, #14-01", city: "Singapore", postalCode: "098632", country: "SG" }, taxId: "201734561K", paymentTermsDays: 30, purchaseOrderRequired: true,
    contacts: [{ name: "Lim Jia Hui", role: "HSE training manager", phone: "+65 6221 4410" }, { name: "Ravi Shankar", role: "Finance", phone: "+65 6221 4411" }] },
  { name: "Kinabalu Foods Sdn Bhd", code: "KFS", domain: "kinabalufoods.example", industry: "food-and-beverage", weight: 30, timeZone: "Asia/Kuala_Lumpur", language: "ms", cultures: [["malay", 5], ["chinese", 3], ["indian", 2]], emailFormat: "first.last", hrIds: false,
    address: { line1: "Jalan Sultan Ismail 88", city: "Kuala Lumpur", postalCode: "50250", country: "MY" }, taxId: "C2583046070", paymentTermsDays: 30, purchaseOrderRequired: false,
    contacts: [{ name: "Siti Nurhaliza Ismail", role: "HR manager", phone: "+60 3-2145 7788" }] },
  { name: "Van Dijk Engineering B.V.", code: "VDE", domain: "vandijk-engineering.example", industry: "engineering", weight: 30, timeZone: "Europe/Amsterdam", language: "nl", cultures: [["dutch", 8], ["turkish", 1], ["arabic", 1], ["english", 1]], emailFormat: "flast", hrIds: false,
    address: { line1: "Wilhelminakade 91", city: "Rotterdam", postalCode: "3072 AP", country: "NL" }, taxId: "NL853412908B01", paymentTermsDays: 30, purchaseOrderRequired: false,
    contacts: [{ name: "Femke de Vries", role: "Opleidingscoördinator", phone: "+31 10 123 4567" }, { name: "Pieter Bakker", role: "Projectleider", phone: "+31 10 123 4568" }] },
];

export const demoDepartments = [
  "Finance",
  "Operations",
  "Sales",
  "Marketing",
  "IT",
  "Human Resources",
  "Customer Service",
  "Legal",
  "Engineering",
  "Procurement",
] as const;
