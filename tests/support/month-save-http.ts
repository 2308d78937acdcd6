/**
 * Saving a month form through a running server, as the browser's send queue does: the server action `saveMonth`
 * (app/entry/actions.ts) posted with its id from the build's manifest and React's encoding of one JSON argument. Used
 * by the fault tests (a save after the database came back; other actions through `actionOverHttp`) and the soak
 * benchmark (bench/soak.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MonthSavePayload, MonthSaveResult } from "@/lib/offline/month-payload";

/** The server action id of `exportedName` in `filename` (relative to the project), from the build's manifest. */
export function actionId(root: string, filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(
    ([, v]) => v.filename === filename && v.exportedName === exportedName,
  )?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in ${filename}`);
  return id;
}

export function saveMonthActionId(root: string): string {
  return actionId(root, "app/entry/actions.ts", "saveMonth");
}

/**
 * Posts one call of a server action as React's client does with JSON arguments (`body`: `[arg, …]`). Resolves with the
 * HTTP status, the answer's text (the RSC rows, or an error page) and the cookies it sets.
 */
export async function actionOverHttp(
  base: string,
  cookie: string,
  id: string,
  pathname: string,
  body: string,
): Promise<{ status: number; text: string; setCookie: string[] }> {
  const res = await fetch(`${base}${pathname}`, {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: base,
      "Next-Action": id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    body,
  });
  return { status: res.status, text: await res.text(), setCookie: res.headers.getSetCookie() };
}

/**
 * Posts one save; resolves with the HTTP status and the action's result (null when the answer carries none, e.g. an
 * error page).
 */
export async function saveMonthOverHttp(
  base: string,
  cookie: string,
  id: string,
  payload: MonthSavePayload,
): Promise<{ status: number; result: MonthSaveResult | null }> {
  const { status, text } = await actionOverHttp(
    base,
    cookie,
    id,
    `/entry/${payload.period}`,
    JSON.stringify([payload]),
  );
  // The RSC answer: one row per line, `<id>:<json>`; the action's value is the row that has `ok`.
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{") || !json.includes('"ok":')) continue;
    try {
      return { status, result: JSON.parse(json) as MonthSaveResult };
    } catch {
      // not this row
    }
  }
  return { status, result: null };
}
