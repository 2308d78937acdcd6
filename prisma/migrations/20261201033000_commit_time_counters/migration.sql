-- Hand-written: the work that needs a province-wide lock (the page cache's counter, the monthly rollup) moves to the
-- commit of the transaction that caused it, so that the lock is held for the commit alone.
--
-- Before, the first statement of a save that touched a province locked that province's data_version row until the
-- transaction ended, through every later statement and every round trip to the client: on a reporting day the
-- communes of one province queued behind each other on that row (seen in pg_stat_activity during
-- bench/reporting-day.ts: nearly every active save waiting on `Lock:transactionid` or `Lock:tuple`).
--
-- Now the statement triggers only note what changed, in rows of their own transaction (keyed by its id, so that two
-- transactions never touch the same row); the first note also inserts the transaction's commit_work row, whose
-- deferred trigger runs once, at commit: it refreshes the rollup for the noted (commune, month) pairs, then bumps the
-- noted counters in scope order, and deletes the notes. Both still happen inside the transaction: a page cached
-- under the old counters is never served once the change commits, and the rollup is never seen stale.
--
-- The rollup's lock is now a transaction advisory lock per province (taken in province order, as before), apart from
-- the counter rows: a refresh at commit in one transaction does not wait for another's counter, and the reverse.
-- The argument for the rollup's correctness is unchanged: lock the province, then read the base tables in new
-- statements, so the last refresh of a province always sees every committed change.
--
-- The notes are never visible to another transaction (inserted and deleted in the same one).

CREATE TABLE "commit_work" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "commit_work_pkey" PRIMARY KEY ("txid")
);

CREATE TABLE "data_version_pending" (
    "txid" BIGINT NOT NULL,
    "scope_id" INTEGER NOT NULL,

    CONSTRAINT "data_version_pending_pkey" PRIMARY KEY ("txid","scope_id")
);

CREATE TABLE "province_month_value_pending" (
    "txid" BIGINT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,

    CONSTRAINT "province_month_value_pending_pkey" PRIMARY KEY ("txid","unit_id","period")
);

-- The transaction has work for its commit (once per transaction: a second note finds the row and inserts nothing,
-- so the deferred trigger fires once).
CREATE FUNCTION "commit_work_note"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "commit_work" ("txid") VALUES (txid_current()) ON CONFLICT DO NOTHING;
END;
$$;

-- At commit: the rollup first (its own locks), then the counters in scope order, then the notes go.
CREATE FUNCTION "commit_work_run"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tx BIGINT := txid_current();
  units INTEGER[];
  periods TEXT[];
BEGIN
  SELECT array_agg("unit_id"), array_agg("period") INTO units, periods FROM "province_month_value_pending" WHERE "txid" = tx;
  IF units IS NOT NULL THEN
    DELETE FROM "province_month_value_pending" WHERE "txid" = tx;
    PERFORM "province_month_value_refresh"(units, periods);
  END IF;
  INSERT INTO "data_version" AS v ("scope_id", "version")
  SELECT "scope_id", 1 FROM "data_version_pending" WHERE "txid" = tx ORDER BY "scope_id"
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = v."version" + 1;
  DELETE FROM "data_version_pending" WHERE "txid" = tx;
  DELETE FROM "commit_work" WHERE "txid" = tx;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "commit_work_at_commit" AFTER INSERT ON "commit_work"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "commit_work_run"();

-- The rollup's province lock: an advisory lock per province for the transaction, in province order.
CREATE OR REPLACE FUNCTION "province_month_value_lock"(provinces INTEGER[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  p INTEGER;
BEGIN
  FOR p IN SELECT DISTINCT x FROM unnest(provinces) x WHERE x IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7707, p);
  END LOOP;
END;
$$;

-- Counters: the statement triggers note the units whose counters move; commit_work_run bumps them.
-- A unit's counter is its province's for a commune, its own otherwise.
CREATE FUNCTION "data_version_note"(units INTEGER[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_version_pending" ("txid", "scope_id")
  SELECT DISTINCT txid_current(), CASE WHEN u."level" = 'COMMUNE' THEN u."parent_id" ELSE u."id" END
  FROM "org_unit" u WHERE u."id" = ANY(units)
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    PERFORM "commit_work_note"();
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION "data_version_bump_provinces"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "data_version_note"(ARRAY(SELECT DISTINCT "org_unit_id" FROM "changed"));
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "data_version_bump_values"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM (SELECT DISTINCT "org_unit_id", "period" FROM "changed") c
    JOIN "monthly_report" r ON r."org_unit_id" = c."org_unit_id" AND r."period" = c."period"
    ORDER BY r."id" FOR SHARE OF r;
  PERFORM "data_version_note"(ARRAY(
    SELECT DISTINCT c."org_unit_id" FROM (SELECT DISTINCT "org_unit_id", "period" FROM "changed") c
    JOIN "org_unit" u ON u."id" = c."org_unit_id"
    LEFT JOIN "monthly_report" r ON r."org_unit_id" = c."org_unit_id" AND r."period" = c."period"
    WHERE u."level" <> 'COMMUNE' OR r."id" IS NULL OR r."status" IN ('SUBMITTED', 'APPROVED')));
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "data_version_bump_reports_updated"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "data_version_note"(ARRAY(
    SELECT t."org_unit_id" FROM "new_rows" n JOIN "old_rows" o ON o."id" = n."id"
    CROSS JOIN LATERAL (VALUES (n."org_unit_id"), (o."org_unit_id")) AS t("org_unit_id")
    WHERE to_jsonb(n) - 'version' - 'updated_at' IS DISTINCT FROM to_jsonb(o) - 'version' - 'updated_at'));
  RETURN NULL;
END;
$$;

-- The rollup's statement trigger, as in 20261130235500_province_month_value but for its last step: it notes the
-- pairs for the commit instead of refreshing at once.
CREATE OR REPLACE FUNCTION "province_month_value_rows_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  units INTEGER[];
  periods TEXT[];
BEGIN
  IF TG_TABLE_NAME = 'data_value' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(c."org_unit_id"), array_agg(c."period") INTO units, periods
      FROM (SELECT DISTINCT "org_unit_id", "period" FROM "new_rows") c;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(c."org_unit_id"), array_agg(c."period") INTO units, periods
      FROM (SELECT DISTINCT "org_unit_id", "period" FROM "old_rows") c;
    ELSE
      SELECT array_agg(c."org_unit_id"), array_agg(c."period") INTO units, periods
      FROM (SELECT "org_unit_id", "period" FROM (
              (SELECT "org_unit_id", "period", "indicator_code", "value" FROM "old_rows"
               EXCEPT SELECT "org_unit_id", "period", "indicator_code", "value" FROM "new_rows")
              UNION ALL
              (SELECT "org_unit_id", "period", "indicator_code", "value" FROM "new_rows"
               EXCEPT SELECT "org_unit_id", "period", "indicator_code", "value" FROM "old_rows")) d
            GROUP BY "org_unit_id", "period") c;
    END IF;
    IF units IS NULL THEN
      RETURN NULL;
    END IF;
    PERFORM 1 FROM unnest(units, periods) AS c("unit_id", "period")
      JOIN "monthly_report" r ON r."org_unit_id" = c."unit_id" AND r."period" = c."period"
      ORDER BY r."id" FOR SHARE OF r;
    SELECT array_agg(c."unit_id"), array_agg(c."period") INTO units, periods
    FROM unnest(units, periods) AS c("unit_id", "period")
    LEFT JOIN "monthly_report" r ON r."org_unit_id" = c."unit_id" AND r."period" = c."period"
    WHERE r."id" IS NULL OR r."status" IN ('SUBMITTED', 'APPROVED');
  ELSE
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg("org_unit_id"), array_agg("period") INTO units, periods
      FROM "new_rows" WHERE "status" IN ('SUBMITTED', 'APPROVED');
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg("org_unit_id"), array_agg("period") INTO units, periods
      FROM "old_rows" WHERE "status" IN ('SUBMITTED', 'APPROVED');
    ELSE
      SELECT array_agg(d."org_unit_id"), array_agg(d."period") INTO units, periods FROM (
        (SELECT "id", "org_unit_id", "period", "status" IN ('SUBMITTED', 'APPROVED') FROM "old_rows"
         EXCEPT SELECT "id", "org_unit_id", "period", "status" IN ('SUBMITTED', 'APPROVED') FROM "new_rows")
        UNION
        (SELECT "id", "org_unit_id", "period", "status" IN ('SUBMITTED', 'APPROVED') FROM "new_rows"
         EXCEPT SELECT "id", "org_unit_id", "period", "status" IN ('SUBMITTED', 'APPROVED') FROM "old_rows")) d;
    END IF;
  END IF;
  -- A deleted commune's rows are gone from org_unit: the org_unit trigger refreshes its province.
  -- The refresh itself runs at commit (commit_work_run).
  IF units IS NOT NULL THEN
    INSERT INTO "province_month_value_pending" ("txid", "unit_id", "period")
    SELECT DISTINCT txid_current(), c."unit_id", c."period" FROM unnest(units, periods) AS c("unit_id", "period")
    ON CONFLICT DO NOTHING;
    PERFORM "commit_work_note"();
  END IF;
  RETURN NULL;
END;
$$;
