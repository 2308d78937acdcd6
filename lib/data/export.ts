/**
 * Export queries (SPEC §6). One SQL statement per export, built from validated options; it is run either
 * as `COPY (…) TO STDOUT WITH (FORMAT csv)` and streamed to the response (constant memory, no row cap), or with
 * LIMIT for the preview. COPY cannot take bind parameters, so every literal goes through escapeLiteral, and
 * identifiers only ever come from the indicator catalogue.
 */
import { forbidden } from "@/lib/data/errors";
import type { Readable } from "node:stream";
import { to as copyTo } from "pg-copy-streams";
import type pg from "pg";
import { type ExportColumn, exportColumns } from "@/lib/domain/export-columns";
import { type ExportOptions, exportIndicators } from "@/lib/domain/export-options";
import { inputPlan } from "@/lib/domain/aggregate";
import { type Indicator, getIndicator } from "@/lib/domain/indicators";
import { type Actor, canExport } from "@/lib/domain/permissions";
import { exportBusy, lockUserExport, takeExportSlot } from "./export-slots";
import { REFORM_START } from "@/lib/domain/periods";
import { STATUS_LABEL_VI } from "@/lib/domain/report-status";
import { pullStream } from "@/lib/web/pull-stream";
import { db } from "./db";

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
const litList = (vs: readonly string[]) => `ARRAY[${vs.map(lit).join(",")}]::text[]`;
/** Text that a spreadsheet would take for a formula gets a leading apostrophe (numbers are never touched). */
const neutral = (expr: string) => `CASE WHEN ${expr} ~ '^[=+@\\t\\r-]' THEN '''' || ${expr} ELSE ${expr} END`;
const ident = (code: string) => `"${code.replace(/"/g, "")}"`;

interface Resolved {
  options: ExportOptions;
  codes: string[];
  unitWhere: string;
  statusWhere: string;
}

/**
 * Applies the actor's rights to the options: ANALYST sees received reports only; COMMUNE exports its own
 * commune (all statuses) and nothing else; PROVINCE and ADMIN everything.
 */
async function resolve(actor: Actor, options: ExportOptions): Promise<Resolved> {
  let communes = options.communes;
  // The menu shows the export by the same rule (components/site-header.tsx).
  if (!canExport(actor)) throw forbidden({ key: "noCommune" });
  if (actor.role === "COMMUNE") {
    const { rows } = await db().readPool.query<{ code: string }>("SELECT code FROM org_unit WHERE id = $1", [
      actor.orgUnitId,
    ]);
    const own = rows[0]!.code;
    if (communes.some((c) => c !== own)) throw forbidden({ key: "export.ownCommuneOnly" });
    communes = [own];
  }
  const where = [`u.level = 'COMMUNE'`];
  if (options.province !== "all") where.push(`p.code = ${lit(options.province)}`);
  if (communes.length) where.push(`u.code = ANY(${litList(communes)})`);
  if (options.kind) where.push(`u.kind = ${lit(options.kind === "xa" ? "XA" : "PHUONG")}::"CommuneKind"`);
  if (options.district) where.push(`${lit(options.district)} = ANY(u.former_districts)`);
  const statusWhere = actor.role === "ANALYST" ? `r.status IN ('SUBMITTED', 'APPROVED')` : "TRUE";
  return { options, codes: exportIndicators(options), unitWhere: where.join(" AND "), statusWhere };
}

/** SQL for one computed indicator's value per commune-month (on the rows `v` of that commune-month). */
function computedExpr(ind: Indicator): string | null {
  if (ind.kind !== "COMPUTED") return null;
  const f = ind.formula;
  const sumOf = (codes: readonly string[]) => `sum(v.value) FILTER (WHERE v.indicator_code = ANY(${litList(codes)}))`;
  switch (f.type) {
    case "ratio":
      return f.denominator.length === 0
        ? sumOf(f.numerator)
        : `round((${sumOf(f.numerator)} / NULLIF(${sumOf(f.denominator)}, 0) * ${f.factor})::numeric, 4)::float8`;
    case "coverage":
      return `${sumOf([f.flag])} * 100`;
    case "cumulative":
      return null; // handled with a window over the months since the reform
    case "reporting":
      return null;
  }
}

function baseRows(r: Resolved, from: string, rawCodes: readonly string[]): string {
  return `
    SELECT p.code AS province_code, u.code AS commune_code, u.full_name AS commune_name, u.id AS unit_id,
      dv.period, dv.indicator_code, dv.value, r.status::text AS status
    FROM org_unit u
    JOIN org_unit p ON p.id = u.parent_id
    JOIN monthly_report r ON r.org_unit_id = u.id AND r.period BETWEEN ${lit(from)} AND ${lit(r.options.to)}
    JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period = r.period AND dv.indicator_code = ANY(${litList(rawCodes)})
    WHERE ${r.unitWhere} AND ${r.statusWhere}`;
}

/**
 * Reports received and expected per province and month of the range, and whether the month is provisional (not every
 * commune of the province reported, month not locked): the source of the `month_provisional` column (issue 28).
 */
function provisionalSql(r: Resolved): string {
  return `(SELECT p.code AS province_code, r.period,
      CASE WHEN count(*) < (SELECT count(*) FROM org_unit c WHERE c.parent_id = p.id AND c.level = 'COMMUNE')
             AND NOT EXISTS (SELECT 1 FROM period_lock l WHERE l.period = r.period)
           THEN 'Tạm tính (' || count(*) || '/' || (SELECT count(*) FROM org_unit c WHERE c.parent_id = p.id AND c.level = 'COMMUNE') || ')'
           ELSE '' END AS month_provisional
    FROM org_unit p JOIN org_unit u ON u.parent_id = p.id AND u.level = 'COMMUNE'
    JOIN monthly_report r ON r.org_unit_id = u.id AND r.period BETWEEN ${lit(r.options.from)} AND ${lit(r.options.to)}
      AND r.status IN ('SUBMITTED', 'APPROVED')
    WHERE p.level = 'PROVINCE'${r.options.province !== "all" ? ` AND p.code = ${lit(r.options.province)}` : ""}
    GROUP BY p.id, p.code, r.period)`;
}

/** Long format: one row per commune, month and indicator. */
function longSql(r: Resolved): string {
  const indicators = r.codes.map(getIndicator);
  const raw = indicators.filter((i) => i.kind === "RAW").map((i) => i.code);
  const computed = indicators.filter((i) => i.kind === "COMPUTED");
  const parts: string[] = [];
  if (raw.length) {
    parts.push(`SELECT b.province_code, b.commune_code, b.commune_name, b.period, b.indicator_code, b.value, b.status
      FROM (${baseRows(r, r.options.from, raw)}) b`);
  }
  const perMonth = computed.filter((i) => computedExpr(i) !== null);
  if (perMonth.length) {
    const inputs = [
      ...new Set(
        perMonth.flatMap((i) =>
          i.kind === "COMPUTED" && i.formula.type === "ratio"
            ? [...i.formula.numerator, ...i.formula.denominator]
            : i.kind === "COMPUTED" && i.formula.type === "coverage"
              ? [i.formula.flag]
              : [],
        ),
      ),
    ];
    const grouped = `(SELECT v.province_code, v.commune_code, v.commune_name, v.period, v.status,
        ${perMonth.map((i) => `${computedExpr(i)} AS ${ident(i.code)}`).join(",\n        ")}
      FROM (${baseRows(r, r.options.from, inputs)}) v
      GROUP BY v.province_code, v.commune_code, v.commune_name, v.period, v.status) g`;
    parts.push(`SELECT g.province_code, g.commune_code, g.commune_name, g.period, c.code, c.value, g.status
      FROM ${grouped}
      CROSS JOIN LATERAL (VALUES ${perMonth.map((i) => `(${lit(i.code)}, g.${ident(i.code)})`).join(", ")}) AS c(code, value)
      WHERE c.value IS NOT NULL`);
  }
  for (const ind of computed) {
    if (ind.kind !== "COMPUTED" || ind.formula.type !== "cumulative") continue;
    parts.push(`SELECT w.province_code, w.commune_code, w.commune_name, w.period, ${lit(ind.code)}, w.value, w.status FROM (
        SELECT b.province_code, b.commune_code, b.commune_name, b.period, b.status,
          sum(b.value) OVER (PARTITION BY b.unit_id ORDER BY b.period) AS value
        FROM (${baseRows(r, REFORM_START, [ind.formula.of])}) b) w
      WHERE w.period >= ${lit(r.options.from)}`);
  }
  if (!parts.length)
    parts.push(
      `SELECT NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::float8, NULL::text WHERE FALSE`,
    );
  return `SELECT x.province_code, x.commune_code, ${neutral("x.commune_name")} AS commune_name, x.period, x.indicator_code,
      ${neutral("i.name_vi")} AS indicator_name, x.value, i.unit, x.status, coalesce(pm.month_provisional, '') AS month_provisional
    FROM (${parts.join("\nUNION ALL\n")}) AS x(province_code, commune_code, commune_name, period, indicator_code, value, status)
    JOIN indicator i ON i.code = x.indicator_code
    LEFT JOIN ${provisionalSql(r)} pm ON pm.province_code = x.province_code AND pm.period = x.period
    ORDER BY x.commune_code, x.period, i.sort_order`;
}

/** Wide format: one row per commune and month, one column per indicator. */
function wideSql(r: Resolved): string {
  const indicators = r.codes.map(getIndicator);
  const inputs = inputPlan(indicators).raw;
  const cols = indicators.map((i) => {
    if (i.kind === "RAW") return `max(v.value) FILTER (WHERE v.indicator_code = ${lit(i.code)}) AS ${ident(i.code)}`;
    if (i.formula.type === "cumulative") {
      return `(SELECT sum(dv2.value) FROM data_value dv2 JOIN monthly_report r2 ON r2.org_unit_id = dv2.org_unit_id AND r2.period = dv2.period
        WHERE dv2.org_unit_id = v.unit_id AND dv2.indicator_code = ${lit(i.formula.of)} AND dv2.period BETWEEN ${lit(REFORM_START)} AND v.period
          AND ${r.statusWhere.replace(/\br\./g, "r2.")}) AS ${ident(i.code)}`;
    }
    return `${computedExpr(i)} AS ${ident(i.code)}`;
  });
  return `SELECT w.*, coalesce(pm.month_provisional, '') AS month_provisional FROM (
    SELECT v.province_code, v.commune_code, ${neutral("v.commune_name")} AS commune_name, v.period, v.status,
      ${cols.join(",\n      ")}
    FROM (${baseRows(r, r.options.from, inputs.length ? inputs : ["__none__"])}) v
    GROUP BY v.province_code, v.commune_code, v.commune_name, v.unit_id, v.period, v.status) w
    LEFT JOIN ${provisionalSql(r)} pm ON pm.province_code = w.province_code AND pm.period = w.period
    ORDER BY w.commune_code, w.period`;
}

export interface PreparedExport {
  /** Who asks: exports stream under a per-user and a total bound (./export-slots.ts). */
  actorId: string;
  /** The rows with their types: numbers as float8, periods as YYYY-MM, statuses as codes (the workbook's source). */
  sql: string;
  columns: ExportColumn[];
  /** The indicators the export covers, in catalogue order. */
  indicatorCodes: string[];
  options: ExportOptions;
  /** The CSV header line's cells, in the chosen header language. */
  header: string[];
  delimiter: "," | ";";
  bom: boolean;
  /** Only submitted and approved reports (an analyst's view). */
  receivedOnly: boolean;
}

export async function prepareExport(actor: Actor & { id?: string }, options: ExportOptions): Promise<PreparedExport> {
  const r = await resolve(actor, options);
  const columns = exportColumns(options, r.codes);
  const header = columns.map((c) => (options.header === "vi" ? c.headerVi : c.code));
  return {
    actorId: actor.id ?? "internal",
    sql: options.format === "long" ? longSql(r) : wideSql(r),
    columns,
    indicatorCodes: r.codes,
    options,
    header,
    delimiter: options.separator === "semicolon" ? ";" : ",",
    bom: options.bom,
    receivedOnly: actor.role === "ANALYST",
  };
}

/**
 * The rows as the CSV writes them: numbers with the chosen decimal mark (float8's text is the shortest exact one,
 * never in exponent form for these magnitudes), statuses in the header's language.
 */
function csvSql(prepared: PreparedExport): string {
  const { decimal, header } = prepared.options;
  const cells = prepared.columns.map((c) => {
    const col = `q.${ident(c.code)}`;
    if (c.type === "number" && decimal === "comma") return `replace(${col}::text, '.', ',') AS ${ident(c.code)}`;
    if (c.type === "status" && header === "vi") {
      return `CASE ${col} ${Object.entries(STATUS_LABEL_VI)
        .map(([code, label]) => `WHEN ${lit(code)} THEN ${lit(label)}`)
        .join(" ")} ELSE ${col} END AS ${ident(c.code)}`;
    }
    return `${col}`;
  });
  return `SELECT ${cells.join(", ")} FROM (${prepared.sql}) q`;
}

export async function previewExport(
  prepared: PreparedExport,
  limit = 20,
): Promise<{ rows: unknown[][]; count: number }> {
  const pool = db().readPool;
  const [preview, count] = await Promise.all([
    pool.query({ text: `${csvSql(prepared)} LIMIT ${Math.max(1, Math.min(100, limit))}`, rowMode: "array" }),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${prepared.sql}) q`),
  ]);
  return { rows: preview.rows as unknown[][], count: count.rows[0]!.n };
}

/** Quotes a header cell by RFC 4180 rules (the data rows are quoted by PostgreSQL's CSV writer). */
function csvCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Codes are quoted, so that tools which honour quoting keep them as text ("03388", not 3388). */
export function copyStatement(prepared: PreparedExport): string {
  const quoted = prepared.columns.filter((c) => c.code.endsWith("_code")).map((c) => ident(c.code));
  return `COPY (${csvSql(prepared)}) TO STDOUT WITH (FORMAT csv, DELIMITER '${prepared.delimiter}'${quoted.length ? `, FORCE_QUOTE (${quoted.join(", ")})` : ""})`;
}

/**
 * Streams the export: BOM, header, then PostgreSQL's own CSV output, pulled chunk by chunk as the client reads
 * (backpressure). The connection goes back to the pool when the stream ends, and is discarded if the client goes
 * away mid-way.
 */
const EXPORT_TIMEOUT_MS = 15 * 60_000;

export async function streamExport(prepared: PreparedExport): Promise<ReadableStream<Uint8Array>> {
  const { source, release } = await copyRows(copyStatement(prepared), prepared.actorId);
  const head = Buffer.from(
    `${prepared.bom ? "\uFEFF" : ""}${prepared.header.map((h) => csvCell(h, prepared.delimiter)).join(prepared.delimiter)}\n`,
    "utf8",
  );
  return pullStream(source, {
    head: new Uint8Array(head),
    onEnd: release,
    onCancel: () => {
      source.destroy();
      release(new Error("export cancelled by the client"));
    },
  });
}

/**
 * Starts `COPY … TO STDOUT` on a connection of its own. `release` hands the connection back once (with an error it is
 * discarded rather than reused: an aborted COPY leaves it in an unknown state).
 */
export async function copyRows(
  statement: string,
  actorId: string,
): Promise<{ source: Readable; release: (error?: Error) => void }> {
  const giveBack = takeExportSlot(actorId);
  let client: pg.PoolClient;
  try {
    client = await db().pool.connect();
  } catch (error) {
    giveBack();
    throw error;
  }
  let source: Readable;
  try {
    // A national export takes seconds, a slow client longer: this connection gets more than the pool's statement
    // limit, and is never returned to the pool with it (see release).
    // The user's bound across app servers (./export-slots.ts); a lock taken lives as long as this connection.
    if (!(await lockUserExport(client, actorId))) throw exportBusy("user");
    await client.query(`SET statement_timeout = ${EXPORT_TIMEOUT_MS}`);
    source = client.query(copyTo(statement));
  } catch (error) {
    // Discarded, never reused (it may hold one of the user's locks).
    client.release(error as Error);
    giveBack();
    throw error;
  }
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error ?? new Error("export connection discarded (raised statement_timeout)"));
    giveBack();
  };
  return { source, release };
}
