"use client";

import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { highlight, TOKEN_CLASSES, type RequestLanguage } from "./highlight";

export interface RenderedRequestView {
  language: RequestLanguage;
  text: string;
  body: unknown;
}

const LANGUAGE_LABEL: Record<RequestLanguage, string> = { yaml: "YAML", json: "JSON", shell: "Shell" };

/** The exact request a run sends (or sent): manifests, an AWS request or a command line, lightly coloured. */
export function RequestView({ request, label = "Request" }: { request: RenderedRequestView; label?: string }) {
  const [asData, setAsData] = useState(false);
  const shown = useMemo(
    () => (asData && request.language !== "json" ? { language: "json" as const, text: JSON.stringify(request.body, null, 2) } : { language: request.language, text: request.text }),
    [asData, request],
  );
  const tokens = useMemo(() => highlight(shown.text, shown.language), [shown]);

  function copy() {
    void navigator.clipboard?.writeText(shown.text).then(() => toast.success("Copied"));
  }

  function download() {
    const extension = { yaml: "yaml", json: "json", shell: "sh" }[shown.language];
    const url = URL.createObjectURL(new Blob([shown.text], { type: "text/plain" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `request.${extension}` });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section aria-label={label} className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
        <span className="font-medium">
          {label} <span className="text-xs font-normal text-zinc-500">({LANGUAGE_LABEL[shown.language]})</span>
        </span>
        <div className="flex items-center gap-1">
          {request.language !== "json" && (
            <Button variant="ghost" onClick={() => setAsData((v) => !v)} aria-pressed={asData}>
              {asData ? `As ${LANGUAGE_LABEL[request.language]}` : "As JSON"}
            </Button>
          )}
          <Button variant="ghost" onClick={copy}>
            Copy
          </Button>
          <Button variant="ghost" onClick={download}>
            Download
          </Button>
        </div>
      </div>
      <pre data-testid="rendered-request" className="max-h-[32rem] overflow-auto whitespace-pre p-3 font-mono text-xs leading-5">
        <code>
          {tokens.map((token, index) =>
            token.kind === "plain" ? token.text : (
              <span key={index} className={TOKEN_CLASSES[token.kind]}>
                {token.text}
              </span>
            ),
          )}
        </code>
      </pre>
    </section>
  );
}
