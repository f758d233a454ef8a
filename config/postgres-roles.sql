-- socialtui on a shared PostgreSQL: one database role per kind of client, each with only
-- the privileges it needs, and an audit log the application can append to but not change.
--
-- Run it as the database owner AFTER the schema exists (`socialtui db upgrade` as that owner),
-- with the search_path set to socialtui's schema, e.g.:
--     psql "postgresql://owner@dbhost/practice" -v ON_ERROR_STOP=1 -f postgres-roles.sql
-- then give each role a password (ALTER ROLE ... PASSWORD '...') or a client certificate,
-- and point each workstation's [database] url at its own role. Re-running it is safe.
--
--   socialtui_app    the front-desk and clinicians' workstations (TUI and CLI)
--   socialtui_admin  the workstation of the practice's admin: also staff and accounts
--   socialtui_serve  the scheduler service (`socialtui serve`)
--
-- What this does not stop: the database owner (and any superuser) can still do anything,
-- including dropping the trigger below. docs/security.md says what then still holds.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'socialtui_app') THEN
        CREATE ROLE socialtui_app LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'socialtui_admin') THEN
        CREATE ROLE socialtui_admin LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'socialtui_serve') THEN
        CREATE ROLE socialtui_serve LOGIN;
    END IF;
END
$$;

DO $$
DECLARE
    schema_name text := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO socialtui_app, socialtui_admin, socialtui_serve', schema_name);
END
$$;

-- Everyone reads everything socialtui stores (the calendar, the queue, the log).
DO $$
BEGIN
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO socialtui_app, socialtui_admin, socialtui_serve',
                   current_schema());
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO socialtui_app, socialtui_admin, socialtui_serve',
                   current_schema());
END
$$;

-- Workstations write posts and everything attached to them, reviews and consents.
GRANT INSERT, UPDATE, DELETE ON posts, post_variants, media, citations, post_consents, publications,
    approvals, overrides, post_changes, consents, outbox TO socialtui_app, socialtui_admin;
GRANT INSERT ON policy_records TO socialtui_app, socialtui_admin, socialtui_serve;
GRANT UPDATE (acknowledged_by, acknowledged_at) ON policy_records TO socialtui_admin;
-- A person's own passphrase and lock-out counters; never their role.
GRANT UPDATE (passphrase_hash, passphrase_is_setup_code, failed_sign_ins, locked_until) ON staff TO socialtui_app;
-- Only the admin's workstation changes the roster and the accounts.
GRANT INSERT, UPDATE ON staff TO socialtui_admin;
GRANT INSERT, UPDATE ON accounts TO socialtui_admin;

-- The scheduler claims and records publications, moves posts through dispatch, pauses accounts.
GRANT UPDATE ON posts, publications TO socialtui_serve;
GRANT UPDATE (paused_reason, paused_at, last_success_at, last_checked_at) ON accounts TO socialtui_serve;
GRANT INSERT ON outbox TO socialtui_serve;
GRANT INSERT, UPDATE, DELETE ON heartbeats TO socialtui_serve;

-- The audit log: everyone appends; nobody updates or deletes an event. The head row moves forward only.
GRANT INSERT ON audit_events TO socialtui_app, socialtui_admin, socialtui_serve;
GRANT INSERT, UPDATE ON audit_head TO socialtui_app, socialtui_admin, socialtui_serve;

CREATE OR REPLACE FUNCTION socialtui_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'socialtui audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION socialtui_audit_head_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.seq <= OLD.seq THEN
        RAISE EXCEPTION 'the socialtui audit head only moves forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION socialtui_audit_append_only();
DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION socialtui_audit_append_only();
DROP TRIGGER IF EXISTS audit_head_forward ON audit_head;
CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION socialtui_audit_head_forward();
