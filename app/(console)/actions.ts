"use server";

import { redirect } from "next/navigation";
import { takeSessionCookie } from "@/lib/auth/session-cookie";
import { deleteSession } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db";

export async function signOutAction(): Promise<void> {
  const token = await takeSessionCookie();
  if (token) await deleteSession(await prisma(), token);
  redirect("/sign-in");
}
