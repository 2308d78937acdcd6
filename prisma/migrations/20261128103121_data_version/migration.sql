-- CreateTable
CREATE TABLE "data_version" (
    "scope_id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("scope_id")
);

-- Hand-written below: the triggers that keep data_version current (Prisma's diff does not see them).
-- A statement that changes reports or values bumps the counter of each province it touched: the commune's parent,
-- or the unit itself for province-level values. Rows are locked in scope order, so two transactions touching
-- several provinces cannot deadlock on these counters.
CREATE FUNCTION "data_version_bump_provinces"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_version" AS v ("scope_id", "version")
  SELECT DISTINCT CASE WHEN u."level" = 'COMMUNE' THEN u."parent_id" ELSE u."id" END AS scope, 1
  FROM "changed" c JOIN "org_unit" u ON u."id" = c."org_unit_id"
  ORDER BY scope
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = v."version" + 1;
  RETURN NULL;
END;
$$;

-- Changes that are not one province's bump row 0, which every page's key includes.
CREATE FUNCTION "data_version_bump_all"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_version" AS v ("scope_id", "version") VALUES (0, 1)
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = v."version" + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "data_value_version_insert" AFTER INSERT ON "data_value"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "data_value_version_update" AFTER UPDATE ON "data_value"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "data_value_version_delete" AFTER DELETE ON "data_value"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "data_value_version_truncate" AFTER TRUNCATE ON "data_value"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();

CREATE TRIGGER "monthly_report_version_insert" AFTER INSERT ON "monthly_report"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "monthly_report_version_update" AFTER UPDATE ON "monthly_report"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "monthly_report_version_delete" AFTER DELETE ON "monthly_report"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_provinces"();
CREATE TRIGGER "monthly_report_version_truncate" AFTER TRUNCATE ON "monthly_report"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();

CREATE TRIGGER "org_unit_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "org_unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();
CREATE TRIGGER "indicator_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();
CREATE TRIGGER "period_lock_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "period_lock"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();
-- Account changes (name, role, commune, disabling) change what pages show their user.
CREATE TRIGGER "user_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();
