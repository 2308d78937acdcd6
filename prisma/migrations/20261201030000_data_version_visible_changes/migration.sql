-- Hand-written: the page cache's counters (data_version) move only for changes a dashboard can show. A draft saved
-- again changes nothing on any cached page: its figures count only once the report is received (SUBMITTED or
-- APPROVED), and its state ("draft") is the same; only its version and time move. On a reporting day most saves are
-- such drafts, and each one used to empty the province's page cache and take the province's counter row until commit.
--
-- Values: a statement bumps the province of each (unit, month) it touched, except a commune's month whose report is
-- a draft or returned. The report rows are locked FOR SHARE first (in id order, as the rollup's trigger does), so a
-- submission running at the same time either commits before this statement reads the status (then the status read
-- is SUBMITTED and the counter moves) or waits for this transaction and moves the counter itself after these values.
CREATE FUNCTION "data_version_bump_values"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM (SELECT DISTINCT "org_unit_id", "period" FROM "changed") c
    JOIN "monthly_report" r ON r."org_unit_id" = c."org_unit_id" AND r."period" = c."period"
    ORDER BY r."id" FOR SHARE OF r;
  INSERT INTO "data_version" AS v ("scope_id", "version")
  SELECT DISTINCT CASE WHEN u."level" = 'COMMUNE' THEN u."parent_id" ELSE u."id" END AS scope, 1
  FROM (SELECT DISTINCT "org_unit_id", "period" FROM "changed") c
  JOIN "org_unit" u ON u."id" = c."org_unit_id"
  LEFT JOIN "monthly_report" r ON r."org_unit_id" = c."org_unit_id" AND r."period" = c."period"
  WHERE u."level" <> 'COMMUNE' OR r."id" IS NULL OR r."status" IN ('SUBMITTED', 'APPROVED')
  ORDER BY scope
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = v."version" + 1;
  RETURN NULL;
END;
$$;

-- Reports updated: the provinces of the reports of which anything but the version and the time changed (state,
-- submission, approval, comment, acknowledged warnings, unit or month).
CREATE FUNCTION "data_version_bump_reports_updated"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_version" AS v ("scope_id", "version")
  SELECT DISTINCT CASE WHEN u."level" = 'COMMUNE' THEN u."parent_id" ELSE u."id" END AS scope, 1
  FROM "new_rows" n JOIN "old_rows" o ON o."id" = n."id"
  CROSS JOIN LATERAL (VALUES (n."org_unit_id"), (o."org_unit_id")) AS t("org_unit_id")
  JOIN "org_unit" u ON u."id" = t."org_unit_id"
  WHERE to_jsonb(n) - 'version' - 'updated_at' IS DISTINCT FROM to_jsonb(o) - 'version' - 'updated_at'
  ORDER BY scope
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = v."version" + 1;
  RETURN NULL;
END;
$$;

DROP TRIGGER "data_value_version_insert" ON "data_value";
DROP TRIGGER "data_value_version_update" ON "data_value";
DROP TRIGGER "data_value_version_delete" ON "data_value";
DROP TRIGGER "monthly_report_version_update" ON "monthly_report";

CREATE TRIGGER "data_value_version_insert" AFTER INSERT ON "data_value"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_values"();
CREATE TRIGGER "data_value_version_update" AFTER UPDATE ON "data_value"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_values"();
CREATE TRIGGER "data_value_version_delete" AFTER DELETE ON "data_value"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_values"();
CREATE TRIGGER "monthly_report_version_update" AFTER UPDATE ON "monthly_report"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_reports_updated"();
