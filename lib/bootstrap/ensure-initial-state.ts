import type { PrismaClient } from "@/lib/generated/prisma/client";
import { registerApiToken } from "@/lib/api-tokens/create-api-token";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generatePassword, hashPassword } from "@/lib/auth/password";

export interface BootstrapOptions {
  adminEmail: string;
  /** CONSOLE_ADMIN_PASSWORD; when absent a password is generated and shown once. */
  adminPassword?: string;
  /** CONSOLE_API_TOKEN; registered as an admin token on first start only. */
  apiToken?: string;
  log: (message: string) => void;
}

export const DEFAULT_TEAM_SLUG = "default";

/**
 * First start: a team, its admin and the `local` target. Later starts only make sure every team has
 * its `local` target. Safe to run on every start and from several processes' worth of restarts.
 */
export async function ensureInitialState(prisma: PrismaClient, options: BootstrapOptions): Promise<void> {
  if ((await prisma.user.count()) === 0) await createFirstAdmin(prisma, options);
  const teams = await prisma.team.findMany({ where: { targets: { none: { kind: "local" } } } });
  for (const team of teams) {
    await prisma.target.upsert({
      where: { teamId_name: { teamId: team.id, name: "local" } },
      create: { teamId: team.id, name: "local", kind: "local", config: {} },
      update: {},
    });
  }
}

async function createFirstAdmin(prisma: PrismaClient, options: BootstrapOptions): Promise<void> {
  const password = options.adminPassword || generatePassword();
  const passwordHash = await hashPassword(password);
  const admin = await prisma.$transaction(async (tx) => {
    const team = await tx.team.upsert({
      where: { slug: DEFAULT_TEAM_SLUG },
      create: { slug: DEFAULT_TEAM_SLUG, name: "Default team" },
      update: {},
    });
    const user = await tx.user.create({
      data: { email: options.adminEmail, name: "Administrator", passwordHash, role: "admin" },
    });
    await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: "admin" } });
    await recordAuditEvent(tx, {
      actorId: null,
      actorLabel: "system",
      teamId: team.id,
      action: "user.create",
      objectType: "user",
      objectId: user.id,
      details: { email: user.email, role: "admin", reason: "first start" },
    });
    return user;
  });
  if (options.apiToken) {
    await registerApiToken(prisma, admin.id, "CONSOLE_API_TOKEN", options.apiToken);
    options.log("registered CONSOLE_API_TOKEN as an admin API token");
  }
  if (options.adminPassword) {
    options.log(`created admin ${options.adminEmail} with the password from CONSOLE_ADMIN_PASSWORD`);
  } else {
    // Shown once: it is not stored anywhere in clear.
    options.log(
      [
        "",
        "  ┌──────────────────────────────────────────────────────────────┐",
        "  │ First start: an admin account was created.                   │",
        `  │   email:    ${options.adminEmail.padEnd(49)}│`,
        `  │   password: ${password.padEnd(49)}│`,
        "  │ This password is shown only now. Change it after signing in. │",
        "  └──────────────────────────────────────────────────────────────┘",
        "",
      ].join("\n"),
    );
  }
}
