import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

// GET /api/v1/users – the members of the caller's team
export const GET = apiRoute("GET /api/v1/users", async ({ prisma, actor }) => ({ items: await listUsers(prisma, actor) }));

// POST /api/v1/users – add a member with a role and a first password
export const POST = apiRoute("POST /api/v1/users", async ({ request, prisma, actor }) =>
  createUser(prisma, actor, await readJsonBody(request)),
);
