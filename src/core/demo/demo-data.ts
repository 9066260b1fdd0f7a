// The static part of the demo training company "Northbridge Training": sites, rooms, equipment,
// virtual platforms and the course catalog. Amounts are in minor units of DEMO_CURRENCY.

export const DEMO_CURRENCY = "EUR";
/** Internal staff emails live here; reserved .example domains so no demo email reaches anyone. */
export const DEMO_COMPANY_DOMAIN = "northbridge-training.example";

export type LocationKey = "lon" | "nyc" | "sin";

export interface DemoLocation {
  key: LocationKey;
  name: string;
  code: string;
  timeZone: string;
  address: {
    line1: string;
    line2?: string;
    city: string;
    postalCode: string;
    region?: string;
    country: string;
  };
  notes: string;
}

export const demoLocations: DemoLocation[] = [
  {
    key: "lon",
    name: "London – Finsbury Square",
    code: "LON",
    timeZone: "Europe/London",
    address: {
      line1: "14 Finsbury Square",
      line2: "3rd Floor",
      city: "London",
      postalCode: "EC2A 1BR",
      country: "GB",
    },
    notes: "Reception on the ground floor; nearest Tube: Moorgate.",
  },
  {
    key: "nyc",
    name: "New York – Hudson Square",
    code: "NYC",
    timeZone: "America/New_York",
    address: {
      line1: "350 Hudson Street",
      line2: "9th Floor",
      city: "New York",
      postalCode: "10014",
      region: "NY",
      country: "US",
    },
    notes: "Visitors sign in at the lobby desk with photo ID.",
  },
  {
    key: "sin",
    name: "Singapore – Marina View",
    code: "SIN",
    timeZone: "Asia/Singapore",
    address: {
      line1: "8 Marina View",
      line2: "#21-03 Asia Square Tower 1",
      city: "Singapore",
      postalCode: "018960",
      country: "SG",
    },
    notes: "Downtown MRT, exit B. Lunch is catered for full-day courses.",
  },
];

/** Door-to-door minutes between sites (flight plus airport time), symmetric. */
export const demoTravelMinutes: [LocationKey, LocationKey, number][] = [
  ["lon", "nyc", 660],
  ["lon", "sin", 1020],
  ["nyc", "sin", 1320],
];

export interface DemoRoom {
  location: LocationKey;
  name: string;
  capacity: number;
  features: string[];
  costPerDayMinor: number;
  costPerHourMinor?: number;
  setupMinutes: number;
  teardownMinutes: number;
  notes?: string;
}

export const demoRooms: DemoRoom[] = [
  {
    location: "lon",
    name: "Thames",
    capacity: 24,
    features: ["projector", "whiteboard", "video-conferencing", "wheelchair-access", "floor-space"],
    costPerDayMinor: 72_000,
    setupMinutes: 30,
    teardownMinutes: 15,
    notes: "Tables on wheels: clears for first-aid practicals.",
  },
  {
    location: "lon",
    name: "Shard",
    capacity: 12,
    features: ["projector", "whiteboard", "wheelchair-access"],
    costPerDayMinor: 42_000,
    setupMinutes: 15,
    teardownMinutes: 15,
  },
  {
    location: "lon",
    name: "Code Lab",
    capacity: 16,
    features: ["computer-lab", "projector", "whiteboard"],
    costPerDayMinor: 65_000,
    setupMinutes: 45,
    teardownMinutes: 30,
    notes: "16 Windows workstations with Office, Python and SQL Server.",
  },
  {
    location: "lon",
    name: "Kew",
    capacity: 6,
    features: ["video-conferencing", "whiteboard"],
    costPerDayMinor: 24_000,
    costPerHourMinor: 4_000,
    setupMinutes: 10,
    teardownMinutes: 10,
    notes: "Coaching and small-group room.",
  },
  {
    location: "nyc",
    name: "Hudson",
    capacity: 40,
    features: ["projector", "whiteboard", "video-conferencing", "wheelchair-access", "floor-space"],
    costPerDayMinor: 115_000,
    setupMinutes: 45,
    teardownMinutes: 30,
    notes: "Divisible into two rooms of 20 with an air wall.",
  },
  {
    location: "nyc",
    name: "Liberty",
    capacity: 14,
    features: ["projector", "whiteboard", "wheelchair-access"],
    costPerDayMinor: 58_000,
    setupMinutes: 15,
    teardownMinutes: 15,
  },
  {
    location: "nyc",
    name: "Byte Lab",
    capacity: 20,
    features: ["computer-lab", "projector", "wheelchair-access"],
    costPerDayMinor: 89_000,
    setupMinutes: 45,
    teardownMinutes: 30,
  },
  {
    location: "sin",
    name: "Marina",
    capacity: 30,
    features: ["projector", "whiteboard", "video-conferencing", "wheelchair-access", "floor-space"],
    costPerDayMinor: 68_000,
    setupMinutes: 30,
    teardownMinutes: 15,
  },
  {
    location: "sin",
    name: "Sentosa",
    capacity: 10,
    features: ["projector", "whiteboard"],
    costPerDayMinor: 31_000,
    costPerHourMinor: 5_000,
    setupMinutes: 15,
    teardownMinutes: 10,
  },
  {
    location: "sin",
    name: "Orchard Lab",
    capacity: 18,
    features: ["computer-lab", "projector", "video-conferencing", "wheelchair-access"],
    costPerDayMinor: 61_000,
    setupMinutes: 45,
    teardownMinutes: 30,
  },
];

export interface DemoEquipment {
  name: string;
  kind: string;
  quantity: number;
  /** null: a mobile pool that travels between sites */
  location: LocationKey | null;
  costPerDayMinor: number | null;
  notes?: string;
}

export const demoEquipment: DemoEquipment[] = [
  { name: "Laptops – London", kind: "laptop", quantity: 30, location: "lon", costPerDayMinor: 1_500 },
  { name: "Laptops – New York", kind: "laptop", quantity: 24, location: "nyc", costPerDayMinor: 1_500 },
  { name: "Laptops – Singapore", kind: "laptop", quantity: 20, location: "sin", costPerDayMinor: 1_500 },
  {
    name: "Portable projectors – London",
    kind: "projector",
    quantity: 3,
    location: "lon",
    costPerDayMinor: 2_000,
  },
  {
    name: "Portable projectors – New York",
    kind: "projector",
    quantity: 2,
    location: "nyc",
    costPerDayMinor: 2_000,
  },
  {
    name: "Portable projectors – Singapore",
    kind: "projector",
    quantity: 2,
    location: "sin",
    costPerDayMinor: 2_000,
  },
  { name: "CPR manikins – London", kind: "cpr-manikin", quantity: 8, location: "lon", costPerDayMinor: 500 },
  {
    name: "CPR manikins – New York",
    kind: "cpr-manikin",
    quantity: 6,
    location: "nyc",
    costPerDayMinor: 500,
  },
  {
    name: "CPR manikins – Singapore",
    kind: "cpr-manikin",
    quantity: 6,
    location: "sin",
    costPerDayMinor: 500,
  },
  {
    name: "AED trainers (travel kit)",
    kind: "aed-trainer",
    quantity: 6,
    location: null,
    costPerDayMinor: 800,
    notes: "Ships in two hard cases; book courier two days ahead.",
  },
  {
    name: "VR headsets (travel kit)",
    kind: "vr-headset",
    quantity: 12,
    location: null,
    costPerDayMinor: 2_500,
    notes: "Meta Quest headsets with the hazard-spotting simulation preinstalled.",
  },
  { name: "Video cameras", kind: "video-camera", quantity: 2, location: null, costPerDayMinor: 3_000 },
];

export interface DemoPlatform {
  name: string;
  kind: "jitsi" | "zoom" | "teams";
  joinUrlTemplate: string | null;
  maxParticipants: number | null;
  notes: string;
}

export const demoPlatforms: DemoPlatform[] = [
  {
    name: "Jitsi Meet",
    kind: "jitsi",
    joinUrlTemplate: null,
    maxParticipants: 100,
    notes: "Default for virtual classes: one room per session, no accounts needed.",
  },
  {
    name: "Zoom – training account",
    kind: "zoom",
    joinUrlTemplate: "https://northbridge-training.zoom.us/my/nbt.classroom",
    maxParticipants: 300,
    notes: "Personal meeting room of the training account; waiting room on.",
  },
  {
    name: "Microsoft Teams – client tenants",
    kind: "teams",
    joinUrlTemplate:
      "https://teams.microsoft.com/l/meetup-join/19%3ameeting_TkJULWNsYXNzcm9vbQ%40thread.v2/0?context=%7b%22Tid%22%3a%22northbridge%22%7d",
    maxParticipants: 1000,
    notes: "For clients whose security policy allows only Teams.",
  },
];
