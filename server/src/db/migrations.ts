/**
 * The schema, as ordered migrations. Each runs once, in a transaction, on PGlite and PostgreSQL alike.
 * Never edit a migration that has shipped: add the next one.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial',
    sql: `
create table connections (
  id text primary key,
  name text not null,
  bootstrap jsonb not null,
  auth jsonb not null,
  tls jsonb not null,
  secret text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table grants (
  connection_id text not null references connections(id) on delete cascade,
  topic text not null,
  algorithm text not null,
  access text not null check (access in ('publish', 'subscribe')),
  granted_by text not null,
  granted_at timestamptz not null default now(),
  primary key (connection_id, topic, algorithm, access)
);

create table grant_requests (
  id bigserial primary key,
  org_id text not null,
  connection_id text not null,
  topic text not null,
  algorithm text not null,
  access text not null check (access in ('publish', 'subscribe')),
  flow_id text,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by text,
  decided_at timestamptz,
  reason text
);
create unique index grant_requests_one_pending on grant_requests (connection_id, topic, algorithm, access) where status = 'pending';

create table flows (
  id text primary key,
  org_id text not null,
  name text not null,
  description text not null default '',
  revision integer not null,
  graph jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index flows_by_org on flows (org_id);

create table flow_revisions (
  flow_id text not null references flows(id) on delete cascade,
  revision integer not null,
  name text not null,
  description text not null,
  graph jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null,
  primary key (flow_id, revision)
);

create table bindings (
  algorithm text not null,
  connection_id text not null,
  topic text not null,
  direction text not null check (direction in ('publish', 'subscribe')),
  flow_id text not null,
  binding jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (algorithm, connection_id, topic, direction)
);
create index bindings_by_flow on bindings (flow_id);

create table managed_acls (
  connection_id text not null,
  acl_key text not null,
  acl jsonb not null,
  created_at timestamptz not null default now(),
  primary key (connection_id, acl_key)
);

create table deployments (
  id bigserial primary key,
  flow_id text not null,
  revision integer,
  kind text not null check (kind in ('deploy', 'undeploy')),
  actor text not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  summary text not null default '',
  plan jsonb,
  steps jsonb not null default '[]',
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index deployments_by_flow on deployments (flow_id, id desc);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  target text not null,
  result text not null,
  detail jsonb not null default '{}'
);
`,
  },
  {
    version: 2,
    name: 'member topic limits per connection',
    // A cluster admin's own limits on the topics members create on the connection; null: the model's default.
    sql: `alter table connections add column member_topic_limits jsonb;`,
  },
  {
    version: 3,
    name: 'managed ACLs per flow',
    // Each ACL the studio manages names the flow whose plan created it or was removing it, so that one
    // a crash left behind is removed by that flow's plan and never shows in another's. Existing ones
    // are given the flow of the last deploy whose plan created or removed them.
    sql: `
alter table managed_acls add column flow_id text;

update managed_acls m set flow_id = (
  select d.flow_id from deployments d cross join lateral jsonb_array_elements(d.plan->'actions') a
   where a->>'kind' in ('create-acl', 'delete-acl') and a->'acl' = m.acl
   order by d.id desc limit 1
);

create index managed_acls_by_flow on managed_acls (flow_id);
`,
  },
  {
    version: 4,
    name: 'worker acknowledgements',
    // Each change of the enabled bindings bumps one version; each worker process records the version it
    // has applied (its consumers started, updated or stopped), so a hand-off can wait for every live
    // worker before the ACLs of stopped bindings are removed.
    sql: `
create table binding_changes (
  id integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into binding_changes (id, version) values (1, 0);

create table runtime_workers (
  id text primary key,
  host text not null,
  pid integer not null,
  applied_version bigint not null default -1,
  started_at timestamptz not null default now(),
  seen_at timestamptz not null default now()
);
`,
  },
  {
    version: 5,
    name: 'binding status of workers',
    // Each worker process writes the status of the bindings it runs (one row per subscribe binding,
    // replaced as it changes and every few seconds), so every server replica can show what the workers
    // do. The status is JSON text, not jsonb: its binding key holds NUL separators, which jsonb refuses.
    sql: `
create table binding_status (
  worker_id text not null,
  algorithm text not null,
  connection_id text not null,
  topic text not null,
  status text not null,
  updated_at timestamptz not null default now(),
  primary key (worker_id, algorithm, connection_id, topic)
);
`,
  },
  {
    version: 6,
    name: 'adopted topics',
    // Topics a flow took over from the cluster (an applied adopt-topic action): the plan adopts a topic
    // once, and never creates or deletes it.
    sql: `
create table adopted_topics (
  connection_id text not null,
  topic text not null,
  flow_id text not null,
  adopted_at timestamptz not null default now(),
  primary key (connection_id, topic)
);
`,
  },
  {
    version: 7,
    name: 'alerts',
    // Alert rules of a flow (issue 22) and what they did: each firing and resolution of a rule on one
    // binding, with what became of its notification. A rule's webhook address is sealed like a secret.
    sql: `
create table alert_rules (
  id text primary key,
  flow_id text not null references flows(id) on delete cascade,
  name text not null,
  binding jsonb,
  condition jsonb not null,
  webhook text,
  silenced_until timestamptz,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
create index alert_rules_by_flow on alert_rules (flow_id);

create table alert_events (
  id bigserial primary key,
  rule_id text not null references alert_rules(id) on delete cascade,
  flow_id text not null,
  algorithm text not null,
  connection_id text not null,
  topic text not null,
  kind text not null check (kind in ('fired', 'resolved')),
  message text not null,
  notified text not null,
  at timestamptz not null default now()
);
create index alert_events_by_flow on alert_events (flow_id, id);
create index alert_events_by_rule on alert_events (rule_id, algorithm, connection_id, topic, id);
`,
  },
  {
    version: 8,
    name: 'left alone',
    // Unmanaged topics, principals and groups a cluster admin marked to be left alone on a connection:
    // discovery no longer proposes them for adoption.
    sql: `
create table left_alone (
  connection_id text not null references connections(id) on delete cascade,
  kind text not null,
  name text not null,
  marked_by text not null,
  marked_at timestamptz not null default now(),
  primary key (connection_id, kind, name)
);
`,
  },
  {
    version: 9,
    name: 'platform listener origins',
    // Which listener of the platform each adopted subscription came from, so that disabling the
    // subscription can remove the listener on the platform. Gone with its flow.
    sql: `
create table listener_origins (
  flow_id text not null references flows(id) on delete cascade,
  algorithm text not null,
  connection_id text not null,
  topic text not null,
  listener_user_id text not null,
  listener_id text not null,
  adopted_at timestamptz not null default now(),
  primary key (flow_id, algorithm, connection_id, topic)
);
`,
  },
  {
    version: 10,
    name: 'redrive grants',
    // Who may redrive (replay) dead letters of an org besides cluster admins: a grant an admin gives a person.
    sql: `
create table redrive_grants (
  org_id text not null,
  user_id text not null,
  granted_by text not null,
  granted_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
`,
  },
  {
    version: 11,
    name: 'redrive runs',
    // Redrive runs and what became of each record, kept past a restart: the flow's DLQ panel lists them,
    // and a run the process stopped while it ran (a restart, a kill) is resumed where it stopped. `ranges`
    // are the DLQ offsets it reads, `cursor` per partition the offset before which every record has its
    // result written here, `target_marks` where the target topic ended when it started (a resume looks
    // there for records it wrote after its last written result).
    sql: `
create table redrive_runs (
  id text primary key,
  by_user text not null,
  org_id text not null,
  algorithm text not null,
  connection_id text not null,
  topic text not null,
  dlq_connection_id text not null,
  dlq_topic text not null,
  to_topic text not null,
  rate integer,
  total integer,
  selection jsonb not null,
  filter jsonb,
  ranges jsonb not null,
  target_marks jsonb not null,
  cursor jsonb not null default '{}',
  state text not null check (state in ('running', 'paused', 'done', 'cancelled', 'failed', 'interrupted')),
  replayed integer not null default 0,
  skipped integer not null default 0,
  failed integer not null default 0,
  result_count integer not null default 0,
  error text,
  audit_id bigint,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index redrive_runs_by_subscription on redrive_runs (algorithm, connection_id, topic, started_at desc);

create table redrive_results (
  run_id text not null references redrive_runs(id) on delete cascade,
  seq integer not null,
  dlq_partition integer not null,
  dlq_offset bigint not null,
  outcome text not null check (outcome in ('replayed', 'skipped', 'failed')),
  reason text,
  primary key (run_id, seq)
);
`,
  },
];
