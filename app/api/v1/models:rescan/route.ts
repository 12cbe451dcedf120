import { apiRoute } from "@/lib/api/api-route";
import { rescanBucket } from "@/lib/registry/rescan-bucket";

// POST /api/v1/models:rescan – mirror the registry bucket's <model>/<version>/ folders and aliases into the registry
export const POST = apiRoute("POST /api/v1/models:rescan", ({ prisma, actor }) => rescanBucket(prisma, actor));
