import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { actorForUser } from "./actor-for-user";
import { hashToken, newToken } from "./tokens";

export const SESSION_COOKIE = "ocr_console_session";
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export async function createSession(prisma: PrismaClient, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken("s_");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function actorForSession(prisma: PrismaClient, token: string): Promise<Actor | null> {
  const session = await prisma.session.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return actorForUser(prisma, session.userId, "session");
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
