import { requestActor } from "@/lib/auth/request-actor";
import { database } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

// GET /api/health – anonymously only {status}; a signed-in user or API token also gets the database,
// the object store and their team's targets. 503 only when the database is down (then no caller can
// be identified either, so the answer is the bare status).
export async function GET() {
  const actor = await requestActor().catch(() => null);
  const health = await getHealth(database, actor);
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
