"use client";

import Link from "next/link";
import { useHealth } from "./use-health";

// What the backends answer when credentials are stale, revoked or wrong (AWS, Kubernetes, S3).
const CREDENTIAL_PROBLEM = /expired|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|security token|SignatureDoesNotMatch|credentials?|Unauthorized|\b401\b|revoked|InvalidAccessKeyId/i;

/** A banner over every page while a target's credentials are refused, so nobody launches into a wall. */
export function CredentialsBanner() {
  const { data } = useHealth();
  const refused = (data?.details?.targets ?? []).filter((target) => !target.ok && CREDENTIAL_PROBLEM.test(target.message));
  if (refused.length === 0) return null;
  return (
    <div role="status" aria-label="Refused credentials" className="border-b border-amber-300 bg-amber-50 px-8 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
      {refused.map((target) => (
        <p key={target.name}>
          <span className="font-medium">Target {target.name}</span>: its credentials are refused — {target.message}{" "}
          <Link href="/settings/targets" className="underline">
            Update them in Settings → Targets
          </Link>
          .
        </p>
      ))}
    </div>
  );
}
