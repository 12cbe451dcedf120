import type { PrismaClient } from "@/lib/generated/prisma/client";
import { registerApiToken } from "@/lib/api-tokens/create-api-token";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { ensureBuiltinModelVersion } from "@/lib/endpoints/builtin-model";
import { BUILTIN_MODEL } from "@/lib/schemas/endpoints";

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
 * First start: a team, its admin, the `local` target, the built-in PP-OCRv4 model version and the
 * `pp-ocrv4` endpoint serving it, so OCR works out of the box. Later starts only make sure every
 * team has its `local` target and the built-in model. Safe to run on every start.
 */
export async function ensureInitialState(prisma: PrismaClient, options: BootstrapOptions): Promise<void> {
  const firstStart = (await prisma.user.count()) === 0;
  if (firstStart) await createFirstAdmin(prisma, options);
  for (const team of await prisma.team.findMany()) {
    const local = await prisma.target.upsert({
      where: { teamId_name: { teamId: team.id, name: "local" } },
      create: { teamId: team.id, name: "local", kind: "local", config: {} },
      update: {},
    });
    const builtin = await ensureBuiltinModelVersion(prisma, team.id);
    if (firstStart) await createBuiltinEndpoint(prisma, team.id, local.id, builtin.id);
  }
}

/** The `pp-ocrv4` endpoint's desired state; the console serves it once started (resumeEndpoints). */
async function createBuiltinEndpoint(prisma: PrismaClient, teamId: string, targetId: string, modelVersionId: string) {
  await prisma.endpoint.create({
    data: {
      teamId,
      name: BUILTIN_MODEL.modelName,
      targetId,
      status: "Deploying",
      config: { params: {} },
      deployments: { create: { modelVersionId, trafficPercent: 100, status: "Deploying" } },
    },
  });
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
