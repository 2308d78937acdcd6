-- Hand-written: audit_log is append-only. UPDATE and DELETE (per row) and TRUNCATE (per statement) raise.
-- Prisma's diff does not see functions or triggers, so this migration does not register as drift.
-- Runs on PostgreSQL 15 and PGlite.

CREATE FUNCTION "audit_log_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'P0001', HINT = 'Record a correction as a new audit_log row.';
END;
$$;

CREATE TRIGGER "audit_log_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();

CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
