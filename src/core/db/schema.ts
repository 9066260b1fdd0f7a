// Row types of every table, as Kysely sees them. Keep in step with migrations/.

interface EntityColumns {
  tenant_id: string;
  id: string;
  created_at: number;
  updated_at: number;
}

interface Archivable {
  archived_at: number | null;
}

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  default_currency: string;
  default_time_zone: string;
  created_at: number;
  updated_at: number;
}

/** Bumped by triggers on every write to a tenant's reference data (migration 0012). */
export interface ReferenceVersionsTable {
  tenant_id: string;
  version: number;
}

export interface UsersTable extends EntityColumns {
  email: string;
  email_normalized: string;
  name: string;
  role: string;
  password_hash: string | null;
  disabled_at: number | null;
  /** The instructor this user is (instructor portal); added by 0007_web */
  instructor_id?: string | null;
  /** The client a client_contact user acts for; added by 0009_client_contacts */
  client_id?: string | null;
  /** The learner a learner user is (learner portal); added by 0011_learner_accounts */
  learner_id?: string | null;
}

/** A single-use, e-mailed sign-in link of a learner (0011_learner_accounts). */
export interface SignInLinksTable {
  tenant_id: string;
  id: string;
  learner_id: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ApiTokensTable extends EntityColumns {
  user_id: string | null;
  name: string;
  role: string;
  token_hash: string;
  token_prefix: string;
  created_by: string | null;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
  /** The client a client_contact token acts for; added by 0009_client_contacts */
  client_id?: string | null;
}

export interface AuditEventsTable {
  tenant_id: string;
  id: string;
  occurred_at: number;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface LocationsTable extends EntityColumns, Archivable {
  name: string;
  code: string | null;
  address_json: string;
  time_zone: string;
  notes: string | null;
}

export interface LocationTravelTimesTable {
  tenant_id: string;
  from_location_id: string;
  to_location_id: string;
  minutes: number;
}

export interface RoomsTable extends EntityColumns, Archivable {
  location_id: string;
  name: string;
  capacity: number;
  features_json: string;
  cost_per_day_minor: number | null;
  cost_per_hour_minor: number | null;
  currency: string;
  setup_minutes: number;
  teardown_minutes: number;
  notes: string | null;
}

export interface EquipmentTable extends EntityColumns, Archivable {
  name: string;
  kind: string;
  quantity: number;
  location_id: string | null;
  cost_per_day_minor: number | null;
  currency: string;
  notes: string | null;
}

export interface VirtualPlatformsTable extends EntityColumns, Archivable {
  name: string;
  kind: string;
  join_url_template: string | null;
  max_participants: number | null;
  notes: string | null;
}

export interface CoursesTable extends EntityColumns, Archivable {
  code: string;
  title: string;
  description: string | null;
  formats_json: string;
  duration_days: number;
  day_start_time: string;
  day_end_time: string;
  min_seats: number;
  max_seats: number;
  required_qualifications_json: string;
  required_room_features_json: string;
  required_equipment_json: string;
  materials_json: string;
  list_price_minor: number | null;
  currency: string;
  certificate_validity_months: number | null;
  language: string | null;
  tags_json: string;
}

export interface InstructorsTable extends EntityColumns, Archivable {
  name: string;
  email: string;
  email_normalized: string;
  phone: string | null;
  kind: string;
  home_location_id: string | null;
  time_zone: string;
  day_rate_minor: number | null;
  hour_rate_minor: number | null;
  currency: string;
  max_days_per_week: number | null;
  max_days_per_month: number | null;
  languages_json: string;
  tags_json: string;
  notes: string | null;
}

export interface InstructorQualificationsTable extends EntityColumns {
  instructor_id: string;
  course_id: string | null;
  skill: string | null;
  level: string | null;
  valid_from: string | null;
  valid_until: string | null;
  notes: string | null;
}

export interface InstructorAvailabilityTable extends EntityColumns {
  instructor_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  valid_from: string | null;
  valid_until: string | null;
}

export interface InstructorTimeOffTable extends EntityColumns {
  instructor_id: string;
  starts_at: number;
  ends_at: number;
  start_local: string;
  end_local: string;
  all_day: number;
  reason: string | null;
}

export interface ClientsTable extends EntityColumns, Archivable {
  name: string;
  name_normalized: string;
  code: string | null;
  contacts_json: string;
  billing_json: string;
  currency: string;
  tags_json: string;
  notes: string | null;
}

export interface LearnersTable extends EntityColumns, Archivable {
  name: string;
  email: string;
  email_normalized: string;
  client_id: string | null;
  manager_email: string | null;
  phone: string | null;
  language: string | null;
  time_zone: string | null;
  external_id: string | null;
  custom_fields_json: string;
  tags_json: string;
  notes: string | null;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  title: string | null;
  format: string;
  time_zone: string;
  location_id: string | null;
  visibility: string;
  client_id: string | null;
  min_seats: number;
  max_seats: number;
  price_minor: number | null;
  currency: string;
  virtual_platform_id: string | null;
  join_url: string | null;
  notes: string | null;
  status: string;
  series_id: string | null;
  starts_at: number;
  ends_at: number;
  start_date: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface SessionSegmentsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  position: number;
  start_local: string;
  end_local: string;
  starts_at: number;
  ends_at: number;
  local_date: string;
  room_id: string | null;
}

export interface SessionInstructorsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  instructor_id: string;
  role: string;
  segment_ids_json: string | null;
  status: string;
  respond_by: number | null;
  responded_at: number | null;
  response_note: string | null;
  override_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface SessionEquipmentTable {
  tenant_id: string;
  id: string;
  session_id: string;
  equipment_id: string;
  quantity: number;
  segment_ids_json: string | null;
  created_at: number;
  updated_at: number;
}

export interface BookingsTable {
  tenant_id: string;
  id: string;
  resource_type: string;
  resource_id: string;
  session_id: string;
  segment_id: string;
  starts_at: number;
  ends_at: number;
  busy_from: number;
  busy_to: number;
  quantity: number;
  location_id: string | null;
  created_at: number;
}

export interface SessionEventsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  occurred_at: number;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  data_json: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string | null;
}

export interface SessionSeriesTable {
  tenant_id: string;
  id: string;
  rrule: string;
  time_zone: string;
  exceptions_json: string;
  created_at: number;
  updated_at: number;
}

/** The transactional outbox (see core/events). */
export interface DomainEventsTable {
  tenant_id: string;
  id: string;
  type: string;
  entity_type: string;
  entity_id: string;
  session_id: string | null;
  payload_json: string;
  actor_kind: string;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: number;
}

/** Durable work queue (see core/jobs). */
export interface JobsTable {
  tenant_id: string;
  id: string;
  type: string;
  payload_json: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  status: string;
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface EventConsumersTable {
  consumer: string;
  cursor: string | null;
  updated_at: number;
}

/** Email outbox and message log (see core/communications). */
export interface MessagesTable {
  tenant_id: string;
  id: string;
  idempotency_key: string;
  event: string;
  event_id: string | null;
  channel: string;
  recipient: string;
  recipient_name: string | null;
  recipient_kind: string | null;
  recipient_id: string | null;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string | null;
  session_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  message_id_header: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface MessageTemplatesTable {
  tenant_id: string;
  id: string;
  event: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: number;
  updated_at: number;
}

export interface CalendarFeedsTable {
  tenant_id: string;
  id: string;
  kind: string;
  subject_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface TenantSecretsTable {
  tenant_id: string;
  name: string;
  secret: string;
  created_at: number;
}

export interface WebhookSubscriptionsTable {
  tenant_id: string;
  id: string;
  url: string;
  event_types_json: string;
  secret: string;
  description: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  session_id: string | null;
  body: string;
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

// Enrollments (migration 0004): registrations, waitlists, attendance, certificates, compliance.

export interface EnrollmentPoliciesTable {
  tenant_id: string;
  /** "course" or "session" */
  scope_type: string;
  scope_id: string;
  waitlist_policy: string | null;
  offer_hours: number | null;
  cancellation_cutoff_hours: number | null;
  transfer_cutoff_hours: number | null;
  approval_required: number | null;
  min_attendance_percent: number | null;
  pass_required: number | null;
  updated_at: number;
}

export interface EnrollmentsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  learner_id: string;
  client_id: string | null;
  status: string;
  waitlist_position: number | null;
  offer_expires_at: number | null;
  source: string;
  approved_by: string | null;
  approved_at: number | null;
  transferred_from_id: string | null;
  transferred_to_id: string | null;
  price_minor: number | null;
  currency: string;
  payment_status: string;
  payment_reference: string | null;
  passed: number | null;
  status_reason: string | null;
  completed_at: number | null;
  cancelled_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface EnrollmentEventsTable {
  tenant_id: string;
  id: string;
  enrollment_id: string;
  session_id: string;
  occurred_at: number;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  data_json: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string | null;
}

export interface AttendanceTable {
  tenant_id: string;
  enrollment_id: string;
  segment_id: string;
  session_id: string;
  status: string;
  method: string;
  recorded_at: number;
  recorded_by: string | null;
}

export interface SessionCheckInCodesTable {
  tenant_id: string;
  session_id: string;
  code: string;
  created_at: number;
}

export interface CertificatesTable {
  tenant_id: string;
  id: string;
  enrollment_id: string;
  learner_id: string;
  session_id: string;
  course_id: string;
  client_id: string | null;
  verification_code: string;
  learner_name: string;
  course_title: string;
  instructor_names: string;
  start_date: string;
  end_date: string;
  issued_on: string;
  expires_on: string | null;
  revoked_at: number | null;
  created_at: number;
}

export interface ComplianceRequirementsTable {
  tenant_id: string;
  id: string;
  name: string;
  client_id: string | null;
  learner_tag: string | null;
  course_id: string;
  renew_months: number | null;
  due_soon_days: number;
  created_at: number;
  updated_at: number;
}

export interface ClientSeatQuotasTable {
  tenant_id: string;
  session_id: string;
  client_id: string;
  seats: number;
  updated_at: number;
}

export interface SelfRegistrationsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  email: string;
  email_normalized: string;
  name: string;
  token_hash: string;
  status: string;
  expires_at: number;
  enrollment_id: string | null;
  created_at: number;
  confirmed_at: number | null;
}

/** A planner job (0010_planning). */
export interface PlansTable {
  tenant_id: string;
  id: string;
  status: string;
  input_json: string;
  seed: number;
  time_limit_ms: number;
  max_iterations: number;
  progress: number;
  iterations: number;
  best_hard: number | null;
  best_soft: number | null;
  result_json: string | null;
  apply_json: string | null;
  error: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  applied_at: number | null;
}

export interface DB {
  tenants: TenantsTable;
  reference_versions: ReferenceVersionsTable;
  users: UsersTable;
  sign_in_links: SignInLinksTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  locations: LocationsTable;
  location_travel_times: LocationTravelTimesTable;
  rooms: RoomsTable;
  equipment: EquipmentTable;
  virtual_platforms: VirtualPlatformsTable;
  courses: CoursesTable;
  instructors: InstructorsTable;
  instructor_qualifications: InstructorQualificationsTable;
  instructor_availability: InstructorAvailabilityTable;
  instructor_time_off: InstructorTimeOffTable;
  clients: ClientsTable;
  learners: LearnersTable;
  sessions: SessionsTable;
  session_segments: SessionSegmentsTable;
  session_instructors: SessionInstructorsTable;
  session_equipment: SessionEquipmentTable;
  bookings: BookingsTable;
  session_events: SessionEventsTable;
  session_series: SessionSeriesTable;
  domain_events: DomainEventsTable;
  jobs: JobsTable;
  event_consumers: EventConsumersTable;
  messages: MessagesTable;
  message_templates: MessageTemplatesTable;
  calendar_feeds: CalendarFeedsTable;
  tenant_secrets: TenantSecretsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  enrollment_policies: EnrollmentPoliciesTable;
  enrollments: EnrollmentsTable;
  enrollment_events: EnrollmentEventsTable;
  attendance: AttendanceTable;
  session_check_in_codes: SessionCheckInCodesTable;
  certificates: CertificatesTable;
  compliance_requirements: ComplianceRequirementsTable;
  client_seat_quotas: ClientSeatQuotasTable;
  self_registrations: SelfRegistrationsTable;
  web_sessions: WebSessionsTable;
  plans: PlansTable;
}

/** A browser login (0007_web): the cookie carries the secret, the row its hash. */
export interface WebSessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  csrf_hash: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** Tables holding an archivable reference-data entity (generic CRUD works on these). */
export type EntityTableName = {
  [K in keyof DB]: DB[K] extends EntityColumns & Archivable ? K : never;
}[keyof DB];
