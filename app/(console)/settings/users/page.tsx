import type { Metadata } from "next";
import { UserForm } from "@/components/forms/user-form";
import { Badge } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  if (!hasRole(actor.role, "admin")) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Managing users needs the admin role.</p>;
  }
  const users = await listUsers(await prisma(), actor);
  return (
    <div className="grid gap-8 xl:grid-cols-[1fr_24rem]">
      <Table label="Users" head={["Name", "Email", "Role", "Added"]}>
        {users.map((user) => (
          <tr key={user.id}>
            <Cell>{user.name}</Cell>
            <Cell>{user.email}</Cell>
            <Cell>
              <Badge tone="info">{user.role}</Badge>
            </Cell>
            <Cell>{user.createdAt.slice(0, 10)}</Cell>
          </tr>
        ))}
      </Table>
      <section aria-label="Add a user">
        <h2 className="mb-3 text-base font-semibold">Add a user</h2>
        <UserForm />
      </section>
    </div>
  );
}
