import { database } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

// GET /api/health – database, object store and targets; 503 only when the database is down.
export async function GET() {
  const health = await getHealth(database);
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
