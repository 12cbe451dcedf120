// FormData → the generator's request, kept apart from the form component so it can be tested.

function value(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** Empty fields become undefined, so the schema applies its default or says the field is required. */
function number(form: FormData, name: string): number | undefined {
  const v = value(form, name);
  return v === "" ? undefined : Number(v);
}

/** Both ends empty: the schema's default range. */
function range(form: FormData, name: string) {
  const [min, max] = [number(form, `${name}.min`), number(form, `${name}.max`)];
  return min === undefined && max === undefined ? undefined : { min, max };
}

/** "#111, #1e3a8a" or one per line. */
export function colorList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

export function synthesisInputFromForm(form: FormData) {
  const task = value(form, "task");
  return {
    name: value(form, "name"),
    task,
    textSource: value(form, "textSource") || undefined,
    text: typeof form.get("text") === "string" ? (form.get("text") as string) : "",
    count: number(form, "count"),
    testFraction: number(form, "testFraction"),
    seed: number(form, "seed"),
    fonts: form.getAll("fonts").filter((f): f is string => typeof f === "string"),
    fontSize: range(form, "fontSize"),
    textColors: colorList(value(form, "textColors")),
    backgroundColors: colorList(value(form, "backgroundColors")),
    backgrounds: form.getAll("backgrounds").filter((f): f is string => typeof f === "string"),
    blur: number(form, "blur"),
    noise: number(form, "noise"),
    rotation: number(form, "rotation"),
    wordsPerLine: range(form, "wordsPerLine"),
    maxChars: number(form, "maxChars"),
    ...(task === "det" ? { page: { width: number(form, "page.width"), height: number(form, "page.height"), lines: range(form, "page.lines") } } : {}),
  };
}
