import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

// GET /api/v1/audit-events – who changed what, newest first (?limit, ?cursor, ?action, ?objectType)
export const GET = apiRoute("GET /api/v1/audit-events", ({ request, prisma, actor }) => listAuditEvents(prisma, actor, searchParamsObject(request)));
