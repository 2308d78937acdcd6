/**
 * The one way reads are written in SQL (README, "One SQL style for reads"): Prisma.sql templates, composed with
 * Prisma.join, Prisma.raw (identifiers and constants of the code, never input) and Prisma.empty. A template numbers its
 * own placeholders, so a condition built in one function can go into any query without counting `$n`. The dashboards'
 * reads run the same template on the read pool (lib/data/pool.ts) through readRows; others through Prisma's $queryRaw.
 */
import type pg from "pg";
import { Prisma } from "@/generated/prisma/client";
import { db } from "./db";

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;
export const empty = Prisma.empty;

/** The rows of a read on the read pool (the replica when there is one). */
export async function readRows<T extends pg.QueryResultRow>(query: Sql): Promise<T[]> {
  return (await db().readPool.query<T>(query.text, query.values)).rows;
}
