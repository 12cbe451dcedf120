import { highlightYaml, yamlProblem, type YamlTokenKind } from "@/lib/registry/highlight-yaml";

const COLOURS: Record<YamlTokenKind, string> = {
  plain: "",
  key: "text-indigo-700 dark:text-indigo-300",
  punctuation: "text-zinc-400",
  string: "text-emerald-700 dark:text-emerald-400",
  number: "text-amber-700 dark:text-amber-300",
  keyword: "text-fuchsia-700 dark:text-fuchsia-300",
  comment: "italic text-zinc-400",
  anchor: "text-sky-700 dark:text-sky-300",
};

/** A YAML file (the training config) with line numbers and simple highlighting. */
export function YamlView({ text, label }: { text: string; label: string }) {
  const lines = highlightYaml(text.replace(/\n$/, ""));
  const problem = yamlProblem(text);
  return (
    <figure className="space-y-2">
      {problem && <p className="text-xs text-amber-700 dark:text-amber-400">This file does not parse as YAML: {problem}</p>}
      <pre aria-label={label} className="max-h-[32rem] overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 py-2 text-xs leading-5 dark:border-zinc-800 dark:bg-zinc-900">
        <code>
          {lines.map((tokens, index) => (
            <span key={index} className="block px-3">
              <span aria-hidden className="mr-4 inline-block w-8 select-none text-right text-zinc-400">
                {index + 1}
              </span>
              {tokens.map((token, i) =>
                token.kind === "plain" ? (
                  <span key={i}>{token.text}</span>
                ) : (
                  <span key={i} className={COLOURS[token.kind]}>
                    {token.text}
                  </span>
                ),
              )}
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
