/**
 * What the monthly template (/import/template.xlsx, issue 23 item 4) holds: the units a viewer may import, each with
 * the values stored for the month. A province or administrator gets every commune of the home province, a commune
 * account its own unit; an analyst imports nothing and gets no template. Scope is in the query itself.
 */
import type { Viewer } from "@/lib/auth/viewer";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import type { RawCode } from "@/lib/domain/indicators";
import { type Period, REFORM_START, formatPeriodVi, isPeriod } from "@/lib/domain/periods";
import { canImportSomething } from "@/lib/domain/permissions";
import type { ReportStatus } from "@/lib/domain/report-status";
import { db } from "./db";
import { DataError, forbidden } from "./errors";
import { latestOpenPeriod } from "./reports";

export interface TemplateUnit {
  code: string;
  fullName: string;
  status: ReportStatus | null;
  values: Partial<Record<RawCode, number>>;
}

export interface TemplateContent {
  period: Period;
  locked: boolean;
  units: TemplateUnit[];
}

/** The month asked for (default: the running month), refused outside the months one can report. */
export function templatePeriod(asked: string | null): Period {
  const latest = latestOpenPeriod();
  if (asked === null || asked === "") return latest;
  if (!isPeriod(asked) || asked < REFORM_START || asked > latest)
    throw new DataError("INVALID", {
      key: "import.badTemplateMonth",
      values: { month: asked, from: formatPeriodVi(REFORM_START), to: formatPeriodVi(latest) },
    });
  return asked;
}

export async function templateContent(viewer: Viewer, period: Period): Promise<TemplateContent> {
  if (!canImportSomething(viewer)) throw forbidden({ key: "import.notAllowed" });
  const own = viewer.role === "COMMUNE" ? viewer.orgUnitId : null;
  const [units, lock] = await Promise.all([
    db().pool.query<{
      code: string;
      full_name: string;
      status: ReportStatus | null;
      values: Record<string, number> | null;
    }>(
      `SELECT u.code, u.full_name, r.status::text AS status,
         (SELECT json_object_agg(v.indicator_code, v.value) FROM data_value v WHERE v.org_unit_id = u.id AND v.period = $1) AS values
       FROM org_unit u JOIN org_unit p ON p.id = u.parent_id
       LEFT JOIN monthly_report r ON r.org_unit_id = u.id AND r.period = $1
       WHERE u.level = 'COMMUNE' AND (CASE WHEN $2::int IS NULL THEN p.code = $3 ELSE u.id = $2 END)
       ORDER BY u.search_name, u.code`,
      [period, own, HOME_PROVINCE],
    ),
    db().pool.query(`SELECT 1 FROM period_lock WHERE period = $1`, [period]),
  ]);
  return {
    period,
    locked: lock.rows.length > 0,
    units: units.rows.map((u) => ({
      code: u.code,
      fullName: u.full_name,
      status: u.status,
      values: (u.values ?? {}) as Partial<Record<RawCode, number>>,
    })),
  };
}
