/**
 * The one way reads are written in SQL (README, "One SQL style for reads"): Prisma.sql templates, composed with
 * Prisma.join, Prisma.raw (identifiers and constants of the code, never input) and Prisma.empty. A template numbers its
 * own placeholders, so a condition built in one function can go into any query without counting `$n`. The dashboards'
 * reads run the same template on the read pool (lib/data/pool.ts) through readRows; others through Prisma's $queryRaw.
 */
import { createHash } from "node:crypto";
import type pg from "pg";
import { Prisma } from "@/generated/prisma/client";
import { db } from "./db";
import { readContext } from "./read-context";

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;
export const empty = Prisma.empty;

/**
 * A statement's name for PostgreSQL, from its text: each connection parses and plans a named statement once and, from
 * its sixth execution on, keeps a generic plan where that costs no more than planning again (bench/explain.md: some
 * of the dashboards' reads take longer to plan than to run). The texts are the code's templates, whose values are
 * parameters, so there are a bounded few of them.
 */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `r${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The rows of a read on the read pool (the replica when there is one), as a named prepared statement. Within a request
 * that does not write (lib/data/read-context.ts), the same statement with the same values is sent once and its answer
 * shared: each caller gets its own array of the same rows.
 */
export async function readRows<T extends pg.QueryResultRow>(query: Sql): Promise<T[]> {
  const name = statementName(query.text);
  const send = async () => (await db().readPool.query<T>({ name, text: query.text, values: query.values })).rows;
  const context = readContext();
  if (!context || context.primaryOnly) return send();
  const answers = (context.answers ??= new Map());
  const key = `${name}:${JSON.stringify(query.values, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`;
  let answer = answers.get(key) as Promise<T[]> | undefined;
  if (!answer) {
    answer = send();
    answers.set(key, answer);
  }
  return [...(await answer)];
}
