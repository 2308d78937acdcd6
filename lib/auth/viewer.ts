/**
 * The signed-in user as the data layer sees them. Every lib/data function that reads or writes
 * commune data takes a Viewer and scopes its query by role and commune.
 */
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { viewerForHeaders } from "./session-viewer";
import type { Viewer } from "./viewer-types";

export type { Role, Viewer } from "./viewer-types";

/** The viewer of this request, or null. Checked against the database once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerForHeaders(await headers()));

/** For pages: the viewer, or a redirect to the login page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
