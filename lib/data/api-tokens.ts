/**
 * Personal API tokens: an analyst creates one on the profile page, sees it once, and can revoke it.
 * Only the SHA-256 of a token is stored; a token is 32 random bytes, so a plain hash is enough (no password stretching).
 */
import { hasNul } from "@/lib/domain/text";
import { requiredText } from "./text-input";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "./db";
import { now } from "@/lib/clock";

const PREFIX = "ttk_";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(viewer: Viewer, rawName: string): Promise<{ id: string; token: string }> {
  const name = requiredText(rawName, { key: "apiTokens.nameRequired" }, 100);
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = randomUUID();
  await db().prisma.$transaction([
    db().prisma.apiToken.create({
      data: { id, userId: viewer.id, name: name.slice(0, 100), tokenHash: hashToken(token) },
    }),
    db().prisma.auditLog.create({
      data: {
        userId: viewer.id,
        username: viewer.username,
        action: "api_token.create",
        entity: "api_token",
        entityId: id,
        reason: name.slice(0, 100),
      },
    }),
  ]);
  return { id, token };
}

export async function listApiTokens(viewer: Viewer) {
  return db().prisma.apiToken.findMany({
    where: { userId: viewer.id },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes one of the viewer's own tokens (scoped by user id: a foreign id changes nothing). */
export async function revokeApiToken(viewer: Viewer, id: string): Promise<boolean> {
  if (id.length > 100 || hasNul(id)) return false;
  const { count } = await db().prisma.apiToken.updateMany({
    where: { id, userId: viewer.id, revokedAt: null },
    data: { revokedAt: now() },
  });
  if (count) {
    await db().prisma.auditLog.create({
      data: {
        userId: viewer.id,
        username: viewer.username,
        action: "api_token.revoke",
        entity: "api_token",
        entityId: id,
      },
    });
  }
  return count > 0;
}

/** The user a bearer token belongs to, if the token is valid, not revoked and the user is active. */
export async function viewerFromToken(token: string): Promise<Viewer | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db().prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          username: true,
          name: true,
          role: true,
          banned: true,
          orgUnitId: true,
          orgUnit: { select: { code: true } },
        },
      },
    },
  });
  if (!row || row.revokedAt || row.user.banned) return null;
  await db().prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now() } });
  const u = row.user;
  return {
    id: u.id,
    username: u.username ?? "",
    name: u.name,
    role: u.role,
    orgUnitId: u.orgUnitId,
    communeCode: u.orgUnit?.code ?? null,
  };
}
