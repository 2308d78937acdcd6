-- CreateTable
CREATE TABLE "province_month_value" (
    "province_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "next_period" TEXT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "units" INTEGER NOT NULL,

    CONSTRAINT "province_month_value_pkey" PRIMARY KEY ("province_id","period","indicator_code","next_period")
);

-- Hand-written below: the triggers that keep province_month_value equal to its definition (Prisma's diff does not
-- see them). Definition: for each province (the parent of communes), month, raw indicator and "next month", the sum
-- and the number of the values its communes entered for that month in received reports (SUBMITTED or APPROVED),
-- where "next month" is the next month in which the same commune has a received value of the same indicator
-- ('9999-12' when none). With it, a range [from, to] is answered from the rollup alone: a FLOW sums every row of the
-- range; each commune's last value in the range (STOCK, FLAG, and the number of units of any indicator) is the one
-- row of the commune with period in the range and next_period > to.
--
-- Every statement that changes values, reports or the unit tree recomputes the (province, month) pairs it touched
-- (the month changed, and for each indicator the commune's previous month with a value, whose "next month" may have
-- changed), from the base tables, in the writer's own transaction: no writer (form, import, approval, reopening,
-- seed, psql) needs to know the rollup exists.
--
-- Concurrency: a writer first locks the province (its data_version row, in province order, until commit) and only
-- then reads the base tables, in new statements. Under READ COMMITTED (every writer of the app) those statements see
-- every transaction that touched the province and recomputed before it, and a transaction that touches the province
-- later waits for this one to commit, then recomputes with this one's rows visible: the last recomputation always
-- sees all committed changes.

-- Recomputes every month of the given provinces. The caller holds their locks.
CREATE FUNCTION "province_month_value_recompute_provinces"(provinces INTEGER[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "province_month_value" WHERE "province_id" = ANY(provinces);
  INSERT INTO "province_month_value" ("province_id", "period", "indicator_code", "next_period", "sum", "units")
  SELECT s."province_id", s."period", s."indicator_code", s."next_period", sum(s."value"), count(*)
  FROM (
    SELECT u."parent_id" AS "province_id", dv."period", dv."indicator_code", dv."value",
      coalesce(lead(dv."period") OVER (PARTITION BY dv."org_unit_id", dv."indicator_code" ORDER BY dv."period"), '9999-12') AS "next_period"
    FROM "org_unit" u
    JOIN "monthly_report" r ON r."org_unit_id" = u."id" AND r."status" IN ('SUBMITTED', 'APPROVED')
    JOIN "data_value" dv ON dv."org_unit_id" = u."id" AND dv."period" = r."period"
    WHERE u."level" = 'COMMUNE' AND u."parent_id" = ANY(provinces)) s
  GROUP BY s."province_id", s."period", s."indicator_code", s."next_period";
END;
$$;

-- Recomputes the given (province, month) pairs. The caller holds the provinces' locks.
CREATE FUNCTION "province_month_value_recompute_months"(provinces INTEGER[], periods TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "province_month_value" v USING unnest(provinces, periods) AS a("province_id", "period")
  WHERE v."province_id" = a."province_id" AND v."period" = a."period";
  INSERT INTO "province_month_value" ("province_id", "period", "indicator_code", "next_period", "sum", "units")
  SELECT s."province_id", s."period", s."indicator_code", s."next_period", sum(s."value"), count(*)
  FROM (
    SELECT a."province_id", dv."period", dv."indicator_code", dv."value",
      coalesce((
        SELECT dn."period" FROM "data_value" dn
        WHERE dn."org_unit_id" = dv."org_unit_id" AND dn."period" > dv."period" AND dn."indicator_code" = dv."indicator_code"
          AND EXISTS (SELECT 1 FROM "monthly_report" rn WHERE rn."org_unit_id" = dn."org_unit_id" AND rn."period" = dn."period"
                      AND rn."status" IN ('SUBMITTED', 'APPROVED'))
        ORDER BY dn."period" LIMIT 1), '9999-12') AS "next_period"
    FROM (SELECT DISTINCT * FROM unnest(provinces, periods) AS x("province_id", "period")) a
    JOIN "org_unit" u ON u."parent_id" = a."province_id" AND u."level" = 'COMMUNE'
    JOIN "monthly_report" r ON r."org_unit_id" = u."id" AND r."period" = a."period" AND r."status" IN ('SUBMITTED', 'APPROVED')
    JOIN "data_value" dv ON dv."org_unit_id" = u."id" AND dv."period" = a."period") s
  GROUP BY s."province_id", s."period", s."indicator_code", s."next_period";
END;
$$;

-- The province's lock is its data_version row, which the data_version trigger of the same statement locks anyway:
-- one lock per province, always taken in province order, so the rollup adds no lock (and no deadlock) of its own.
CREATE FUNCTION "province_month_value_lock"(provinces INTEGER[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  p INTEGER;
BEGIN
  FOR p IN SELECT DISTINCT x FROM unnest(provinces) x WHERE x IS NOT NULL ORDER BY 1 LOOP
    INSERT INTO "data_version" ("scope_id", "version") VALUES (p, 0) ON CONFLICT ("scope_id") DO NOTHING;
    PERFORM 1 FROM "data_version" WHERE "scope_id" = p FOR NO KEY UPDATE;
  END LOOP;
END;
$$;

-- (Commune, month) pairs changed: locks their provinces, then recomputes the affected months. A statement that
-- touches many months of a province (a bulk load, an import) recomputes the whole province in one pass instead.
CREATE FUNCTION "province_month_value_refresh"(units INTEGER[], periods TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  provinces INTEGER[];
  whole INTEGER[];
  pair_provinces INTEGER[];
  pair_periods TEXT[];
BEGIN
  SELECT array_agg(DISTINCT u."parent_id") INTO provinces
  FROM unnest(units) c("unit_id") JOIN "org_unit" u ON u."id" = c."unit_id" AND u."level" = 'COMMUNE';
  IF provinces IS NULL THEN
    RETURN;
  END IF;
  PERFORM "province_month_value_lock"(provinces);
  SELECT array_agg(s."province_id") INTO whole FROM (
    SELECT u."parent_id" AS "province_id" FROM (SELECT DISTINCT * FROM unnest(units, periods)) c("unit_id", "period")
    JOIN "org_unit" u ON u."id" = c."unit_id" AND u."level" = 'COMMUNE'
    GROUP BY u."parent_id" HAVING count(*) > 40) s;
  IF whole IS NOT NULL THEN
    PERFORM "province_month_value_recompute_provinces"(whole);
  END IF;
  -- The month changed, and each indicator's previous month with a received value (its next_period may change).
  SELECT array_agg(s."province_id"), array_agg(s."period") INTO pair_provinces, pair_periods FROM (
    SELECT DISTINCT u."parent_id" AS "province_id", x."period"
    FROM (SELECT DISTINCT * FROM unnest(units, periods)) c("unit_id", "period")
    JOIN "org_unit" u ON u."id" = c."unit_id" AND u."level" = 'COMMUNE' AND NOT u."parent_id" = ANY(coalesce(whole, '{}'))
    CROSS JOIN LATERAL (
      SELECT c."period"
      UNION
      (SELECT DISTINCT ON (dv."indicator_code") dv."period" FROM "data_value" dv
       JOIN "monthly_report" r ON r."org_unit_id" = dv."org_unit_id" AND r."period" = dv."period" AND r."status" IN ('SUBMITTED', 'APPROVED')
       WHERE dv."org_unit_id" = c."unit_id" AND dv."period" < c."period"
       ORDER BY dv."indicator_code", dv."period" DESC)) x) s;
  IF pair_provinces IS NOT NULL THEN
    PERFORM "province_month_value_recompute_months"(pair_provinces, pair_periods);
  END IF;
END;
$$;

-- Values or reports changed: the (commune, month) pairs whose received values may have changed.
-- Only received values count, so most writes of a reporting day change nothing here and take no lock: a draft's
-- values (its report exists and is not received: the report row is locked FOR SHARE, so that a concurrent
-- submission waits for this transaction and then recomputes with these values visible), a version bump or an
-- approval (the report stays received, or stays not received), a value rewritten unchanged.
CREATE FUNCTION "province_month_value_rows_changed"() RETURNS trigger
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
  IF units IS NOT NULL THEN
    PERFORM "province_month_value_refresh"(units, periods);
  END IF;
  RETURN NULL;
END;
$$;

-- The unit tree changed (a commune moved, changed level, or was deleted with its reports): every month of the old
-- and new provinces. Renames and other columns change nothing here.
CREATE FUNCTION "province_month_value_units_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  provinces INTEGER[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(x) INTO provinces FROM (SELECT "parent_id" FROM "old_rows" UNION SELECT "id" FROM "old_rows") s(x);
  ELSE
    SELECT array_agg(x) INTO provinces FROM (
      SELECT d."parent_id" FROM (
        (SELECT "id", "parent_id", "level" FROM "old_rows" EXCEPT SELECT "id", "parent_id", "level" FROM "new_rows")
        UNION ALL
        (SELECT "id", "parent_id", "level" FROM "new_rows" EXCEPT SELECT "id", "parent_id", "level" FROM "old_rows")) d
      UNION
      SELECT d."id" FROM (
        (SELECT "id", "parent_id", "level" FROM "old_rows" EXCEPT SELECT "id", "parent_id", "level" FROM "new_rows")
        UNION ALL
        (SELECT "id", "parent_id", "level" FROM "new_rows" EXCEPT SELECT "id", "parent_id", "level" FROM "old_rows")) d) s(x);
  END IF;
  IF provinces IS NOT NULL THEN
    PERFORM "province_month_value_lock"(provinces);
    PERFORM "province_month_value_recompute_provinces"(provinces);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "province_month_value_clear"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "province_month_value";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "data_value_rollup_insert" AFTER INSERT ON "data_value"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "data_value_rollup_update" AFTER UPDATE ON "data_value"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "data_value_rollup_delete" AFTER DELETE ON "data_value"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "data_value_rollup_truncate" AFTER TRUNCATE ON "data_value"
  FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_clear"();

CREATE TRIGGER "monthly_report_rollup_insert" AFTER INSERT ON "monthly_report"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "monthly_report_rollup_update" AFTER UPDATE ON "monthly_report"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "monthly_report_rollup_delete" AFTER DELETE ON "monthly_report"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_rows_changed"();
CREATE TRIGGER "monthly_report_rollup_truncate" AFTER TRUNCATE ON "monthly_report"
  FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_clear"();

CREATE TRIGGER "org_unit_rollup_update" AFTER UPDATE ON "org_unit"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_units_changed"();
CREATE TRIGGER "org_unit_rollup_delete" AFTER DELETE ON "org_unit"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_units_changed"();
CREATE TRIGGER "org_unit_rollup_truncate" AFTER TRUNCATE ON "org_unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "province_month_value_clear"();

-- The figures of the data already there.
SELECT "province_month_value_recompute_provinces"(array_agg(DISTINCT "parent_id")) FROM "org_unit" WHERE "level" = 'COMMUNE';
