import type { User } from "@/lib/generated/prisma/client";
import type { UserView } from "@/lib/schemas/users";

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled, createdAt: user.createdAt.toISOString() };
}
