// The demo course catalog of a corporate training provider.

export const demoAreas = [
  "project",
  "leadership",
  "agile",
  "itsm",
  "cloud",
  "data",
  "security",
  "safety",
  "compliance",
  "sales",
  "service",
  "office",
  "communication",
] as const;
export type Area = (typeof demoAreas)[number];

export interface DemoCourse {
  code: string;
  title: string;
  area: Area;
  summary: string;
  days: number;
  /** Whole euros per learner */
  price: number;
  formats?: ("ilt" | "vilt" | "hybrid")[];
  seats?: [min: number, max: number];
  hours?: [start: string, end: string];
  skills?: string[];
  features?: string[];
  equipment?: { kind: string; quantity?: number; perLearner?: boolean }[];
  materials?: { name: string; unitCostMinor?: number; quantityPerLearner?: number }[];
  certificateMonths?: number;
  tags?: string[];
}

const laptops = [{ kind: "laptop", perLearner: true }];
const workbook = [{ name: "Course workbook", unitCostMinor: 1_800 }];
const firstAidKit = [
  { kind: "cpr-manikin", quantity: 4 },
  { kind: "aed-trainer", quantity: 2 },
];

// biome-ignore format: one course per line reads as a table
export const demoCourses: DemoCourse[] = [
  // project management
  { code: "PM-101", title: "Project Management Fundamentals", area: "project", summary: "Plan, schedule and control small and medium projects with a lightweight toolkit.", days: 2, price: 890, formats: ["ilt", "vilt"], seats: [5, 16], features: ["projector"], materials: workbook, tags: ["bestseller"] },
  { code: "PM-150", title: "Risk Management for Projects", area: "project", summary: "Identify, assess and respond to project risks; build a living risk register.", days: 1, price: 450, formats: ["ilt", "vilt"], seats: [4, 16] },
  { code: "PM-201", title: "PRINCE2 Foundation", area: "project", summary: "The PRINCE2 method, principles, themes and processes, with the Foundation exam on day 3.", days: 3, price: 1_450, seats: [6, 16], skills: ["prince2-trainer"], materials: [{ name: "PRINCE2 manual", unitCostMinor: 6_500 }, { name: "Exam voucher", unitCostMinor: 32_000 }], tags: ["certification"] },
  { code: "PM-210", title: "PRINCE2 Practitioner", area: "project", summary: "Apply and tailor PRINCE2 to real projects; Practitioner exam included.", days: 2, price: 1_350, seats: [6, 16], skills: ["prince2-trainer"], materials: [{ name: "Exam voucher", unitCostMinor: 39_000 }], certificateMonths: 36, tags: ["certification"] },
  { code: "PM-220", title: "PMP Exam Preparation", area: "project", summary: "Intensive preparation for the PMI Project Management Professional exam, 35 contact hours.", days: 5, price: 2_350, formats: ["ilt", "vilt"], seats: [6, 20], hours: ["08:30", "17:30"], skills: ["pmp"], materials: workbook, tags: ["certification", "intensive"] },
  // leadership
  { code: "LD-101", title: "First-Time Manager", area: "leadership", summary: "The shift from doing to leading: delegation, feedback and one-to-ones.", days: 2, price: 980, formats: ["ilt", "hybrid"], seats: [6, 14], features: ["whiteboard"], materials: workbook, tags: ["bestseller"] },
  { code: "LD-201", title: "Leading High-Performance Teams", area: "leadership", summary: "Build trust, set direction and get the best from a diverse team.", days: 2, price: 1_150, seats: [6, 14], features: ["whiteboard"] },
  { code: "LD-210", title: "Coaching Skills for Managers", area: "leadership", summary: "The GROW model and powerful questions, practised in triads.", days: 1, price: 590, seats: [4, 12], skills: ["leadership-coach"] },
  { code: "LD-301", title: "Strategic Leadership Programme", area: "leadership", summary: "Strategy, influence and leading change for senior leaders, with an executive coach.", days: 3, price: 2_900, formats: ["hybrid"], seats: [6, 18], skills: ["leadership-coach"], features: ["video-conferencing"], tags: ["executive"] },
  // agile
  { code: "AG-101", title: "Agile Fundamentals", area: "agile", summary: "Values, principles and the main frameworks, for everyone joining an agile team.", days: 1, price: 490, formats: ["ilt", "vilt"], seats: [4, 20] },
  { code: "AG-201", title: "Professional Scrum Master", area: "agile", summary: "Scrum theory and the Scrum Master stances; includes a PSM I assessment attempt.", days: 2, price: 1_290, formats: ["ilt", "vilt"], seats: [6, 16], skills: ["scrum-trainer"], tags: ["certification", "bestseller"] },
  { code: "AG-202", title: "Professional Scrum Product Owner", area: "agile", summary: "Product vision, backlog management and value-driven delivery.", days: 2, price: 1_290, formats: ["ilt", "vilt"], seats: [6, 16], skills: ["scrum-trainer"], tags: ["certification"] },
  { code: "AG-301", title: "Leading SAFe", area: "agile", summary: "Lean-agile leadership and business agility with the Scaled Agile Framework.", days: 2, price: 1_590, formats: ["ilt", "vilt"], seats: [8, 24], skills: ["safe-spc"], tags: ["certification"] },
  // IT service management
  { code: "IT-101", title: "ITIL 4 Foundation", area: "itsm", summary: "Service value system, practices and guiding principles; Foundation exam included.", days: 3, price: 1_390, formats: ["ilt", "vilt"], seats: [6, 18], skills: ["itil4-trainer"], materials: [{ name: "Exam voucher", unitCostMinor: 29_000 }], certificateMonths: 36, tags: ["certification"] },
  { code: "IT-201", title: "ITIL 4 Create, Deliver and Support", area: "itsm", summary: "Integrate value streams and practices to create, deliver and support services.", days: 3, price: 1_690, formats: ["vilt"], seats: [6, 16], skills: ["itil4-trainer"], certificateMonths: 36, tags: ["certification"] },
  // cloud
  { code: "CL-101", title: "AWS Cloud Practitioner Essentials", area: "cloud", summary: "Core AWS services, security, pricing and support, with hands-on labs.", days: 1, price: 650, formats: ["ilt", "vilt"], seats: [4, 20], skills: ["aws-authorized-instructor"], equipment: laptops },
  { code: "CL-201", title: "Architecting on AWS", area: "cloud", summary: "Design resilient, secure and cost-aware architectures on AWS.", days: 3, price: 2_150, formats: ["ilt", "vilt"], seats: [4, 16], skills: ["aws-authorized-instructor"], features: ["projector"], equipment: laptops, tags: ["advanced"] },
  { code: "CL-210", title: "Microsoft Azure Fundamentals (AZ-900)", area: "cloud", summary: "Cloud concepts and core Azure services, ready for the AZ-900 exam.", days: 1, price: 620, formats: ["ilt", "vilt"], seats: [4, 20], skills: ["microsoft-certified-trainer"], equipment: laptops, tags: ["certification"] },
  { code: "CL-301", title: "Kubernetes for Developers", area: "cloud", summary: "Containers, pods, deployments and Helm charts; every learner runs a cluster.", days: 3, price: 1_950, seats: [4, 14], skills: ["cka"], features: ["projector"], equipment: laptops, tags: ["advanced"] },
  // data
  { code: "DA-101", title: "SQL for Data Analysis", area: "data", summary: "Query, join, group and window: answer business questions straight from the database.", days: 2, price: 890, seats: [4, 16], features: ["computer-lab"], tags: ["bestseller"] },
  { code: "DA-201", title: "Python for Data Analysis", area: "data", summary: "pandas, notebooks and charts for analysts moving beyond spreadsheets.", days: 3, price: 1_390, formats: ["ilt", "vilt"], seats: [4, 16], skills: ["data-science"], equipment: laptops },
  { code: "DA-210", title: "Power BI Dashboards", area: "data", summary: "Model data and build interactive reports people actually use.", days: 2, price: 990, seats: [4, 16], skills: ["microsoft-certified-trainer"], features: ["computer-lab"] },
  { code: "DA-301", title: "Machine Learning Foundations", area: "data", summary: "Supervised learning, evaluation and pitfalls, with scikit-learn.", days: 3, price: 1_790, seats: [4, 14], skills: ["data-science"], equipment: laptops, tags: ["advanced"] },
  // security
  { code: "SE-101", title: "Cybersecurity Awareness", area: "security", summary: "Phishing, passwords and safe remote working in one morning.", days: 1, price: 190, formats: ["vilt", "ilt"], seats: [5, 40], hours: ["09:00", "12:30"], tags: ["mandatory"] },
  { code: "SE-201", title: "Secure Coding: OWASP Top 10", area: "security", summary: "Find and fix the most common web vulnerabilities in a deliberately broken app.", days: 2, price: 1_290, seats: [4, 16], skills: ["appsec"], equipment: laptops },
  { code: "SE-210", title: "Incident Response Tabletop", area: "security", summary: "A ransomware scenario run end to end with your own playbooks.", days: 1, price: 890, formats: ["ilt", "hybrid"], seats: [6, 20], skills: ["cissp"], features: ["video-conferencing"] },
  { code: "SE-301", title: "CISSP Exam Preparation", area: "security", summary: "The eight CISSP domains in five intensive days.", days: 5, price: 2_790, formats: ["ilt", "vilt"], seats: [6, 18], hours: ["08:30", "17:30"], skills: ["cissp"], materials: workbook, tags: ["certification", "intensive"] },
  // health and safety
  { code: "HS-101", title: "Emergency First Aid at Work", area: "safety", summary: "Life-saving first aid, CPR and AED use for appointed first aiders.", days: 1, price: 220, seats: [4, 12], skills: ["first-aid-instructor"], features: ["floor-space"], equipment: firstAidKit, materials: [{ name: "First aid pocket guide", unitCostMinor: 600 }], certificateMonths: 36, tags: ["mandatory"] },
  { code: "HS-201", title: "First Aid at Work", area: "safety", summary: "The full three-day first aid qualification for workplaces with higher risks.", days: 3, price: 540, seats: [4, 12], skills: ["first-aid-instructor"], features: ["floor-space"], equipment: firstAidKit, materials: [{ name: "First aid manual", unitCostMinor: 1_200 }], certificateMonths: 36, tags: ["mandatory"] },
  { code: "HS-110", title: "Fire Warden Training", area: "safety", summary: "Prevent, detect and evacuate: the fire warden's role, with extinguisher practice.", days: 1, price: 240, seats: [4, 16], hours: ["09:00", "13:00"], skills: ["fire-safety"], certificateMonths: 36, tags: ["mandatory"] },
  { code: "HS-120", title: "Manual Handling", area: "safety", summary: "Lift, carry and push safely; risk assessment with TILE.", days: 1, price: 160, seats: [4, 16], hours: ["09:00", "12:30"], features: ["floor-space"], certificateMonths: 36 },
  { code: "HS-130", title: "Mental Health First Aid", area: "safety", summary: "Spot the signs, start the conversation and signpost to support.", days: 2, price: 390, formats: ["ilt", "vilt"], seats: [6, 16], skills: ["mhfa-instructor"], certificateMonths: 36 },
  { code: "HS-140", title: "Hazard Spotting in VR", area: "safety", summary: "Walk a virtual construction site and a warehouse to find the hazards.", days: 1, price: 350, seats: [4, 10], hours: ["09:00", "13:00"], skills: ["fire-safety"], equipment: [{ kind: "vr-headset", perLearner: true }], tags: ["new"] },
  { code: "HS-301", title: "NEBOSH National General Certificate", area: "safety", summary: "The leading health and safety qualification for managers and supervisors.", days: 5, price: 1_650, seats: [6, 18], skills: ["nebosh"], materials: [{ name: "NEBOSH course notes", unitCostMinor: 4_500 }], tags: ["certification"] },
  // compliance
  { code: "CO-101", title: "GDPR Essentials", area: "compliance", summary: "What personal data is, lawful bases, rights and breaches: for every employee.", days: 1, price: 290, formats: ["vilt", "ilt"], seats: [5, 30], hours: ["09:00", "13:00"], skills: ["gdpr-practitioner"], certificateMonths: 12, tags: ["mandatory"] },
  { code: "CO-201", title: "Data Protection Officer Programme", area: "compliance", summary: "Four days to run a privacy programme: DPIAs, records, vendors and regulators.", days: 4, price: 2_190, seats: [6, 16], skills: ["gdpr-practitioner"], materials: workbook, certificateMonths: 24, tags: ["certification"] },
  { code: "CO-110", title: "Anti-Money Laundering", area: "compliance", summary: "Red flags, customer due diligence and reporting duties.", days: 1, price: 320, formats: ["vilt", "ilt"], seats: [5, 30], hours: ["09:00", "13:00"], skills: ["aml-specialist"], certificateMonths: 12, tags: ["mandatory", "finance"] },
  // sales and customer service
  { code: "SA-101", title: "Consultative Selling", area: "sales", summary: "Discover needs, frame value and close with confidence.", days: 2, price: 920, seats: [6, 16], features: ["whiteboard"] },
  { code: "SA-210", title: "Negotiation Skills", area: "sales", summary: "Prepare, trade concessions and reach agreements that last.", days: 2, price: 1_040, formats: ["ilt", "hybrid"], seats: [6, 14], features: ["video-conferencing"] },
  { code: "CS-101", title: "Customer Service Excellence", area: "service", summary: "Turn every contact into a great experience, on the phone, in chat and face to face.", days: 1, price: 390, formats: ["ilt", "vilt"], seats: [6, 20], tags: ["bestseller"] },
  // office skills and communication
  { code: "OF-101", title: "Excel Essentials", area: "office", summary: "Formulas, formatting, sorting and filtering for everyday spreadsheets.", days: 1, price: 320, seats: [4, 16], features: ["computer-lab"] },
  { code: "OF-201", title: "Excel Advanced: PivotTables and Power Query", area: "office", summary: "Summarise and clean large data sets without a line of code.", days: 1, price: 390, seats: [4, 16], features: ["computer-lab"] },
  { code: "OF-210", title: "Excel VBA Macros", area: "office", summary: "Automate repetitive work with recorded and hand-written macros.", days: 2, price: 790, seats: [4, 12], skills: ["excel-expert"], features: ["computer-lab"] },
  { code: "CM-101", title: "Presentation Skills", area: "communication", summary: "Structure a message and deliver it with presence; filmed practice with feedback.", days: 2, price: 940, seats: [4, 10], features: ["projector"], equipment: [{ kind: "video-camera", quantity: 1 }] },
  { code: "CM-110", title: "Business Writing", area: "communication", summary: "Clear emails, reports and proposals that get read and acted on.", days: 1, price: 420, formats: ["ilt", "vilt"], seats: [4, 16] },
];
