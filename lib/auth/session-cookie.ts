import { cookies, headers } from "next/headers";
import { SESSION_COOKIE } from "./sessions";

/** httpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post with it. */
export async function setSessionCookie(token: string, expires: Date): Promise<void> {
  const forwardedProto = (await headers()).get("x-forwarded-proto");
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: forwardedProto === "https" || process.env.CONSOLE_SECURE_COOKIES === "true",
    path: "/",
    expires,
  });
}

export async function takeSessionCookie(): Promise<string | undefined> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  store.delete(SESSION_COOKIE);
  return token;
}
