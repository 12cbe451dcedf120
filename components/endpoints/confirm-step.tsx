"use client";

import { useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/**
 * A button whose action must be confirmed inline: the first click says what will happen, the
 * second ("Confirm …") does it. Traffic steps change what customers are served; no accidents.
 */
export function ConfirmStep({
  label,
  question,
  onConfirm,
  disabled = false,
  variant = "secondary",
}: {
  label: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: ButtonVariant;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant={variant} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm ${label.toLowerCase()}`} className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950">
      <span>{question}</span>
      <Button
        variant={variant === "danger" ? "danger" : "primary"}
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm {label.toLowerCase()}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </div>
  );
}
