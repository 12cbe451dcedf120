import { publicRoute } from "@/lib/api/api-route";
import { openApiDocument } from "@/lib/api/openapi-document";

// GET /api/v1/openapi.json – the API description, generated from the zod schemas the routes use.
export const GET = publicRoute("GET /api/v1/openapi.json", (request) => openApiDocument(new URL(request.url).origin));
