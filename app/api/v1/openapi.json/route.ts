import { openApiDocument } from "@/lib/api/openapi-document";

// GET /api/v1/openapi.json – the API description, generated from the zod schemas the routes use.
export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin));
}
