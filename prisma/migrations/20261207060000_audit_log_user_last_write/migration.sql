-- The page cache reads each viewer's newest audit row on every page (read-your-writes: lib/data/data-version.ts):
-- max(id) for one user from this index's last entry, not from all of that user's rows.
CREATE INDEX "audit_log_user_id_id_idx" ON "audit_log"("user_id", "id");
