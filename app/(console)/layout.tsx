import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requireActor } from "@/lib/auth/require-actor";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <ConsoleShell actor={actor} signOut={signOutAction}>
      {children}
    </ConsoleShell>
  );
}
