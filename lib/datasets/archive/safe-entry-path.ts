import { ConsoleError } from "@/lib/errors/console-error";

/** Why an archive (or a source listing) was refused; nothing of it is kept. */
export function refusedArchive(entry: string, why: string): ConsoleError {
  return new ConsoleError("unprocessable", `The archive was refused: entry ${JSON.stringify(entry)} ${why}. Nothing was extracted.`);
}

/**
 * The relative path an archive entry may be written to, with `/` separators and no `.` parts; "" for
 * the archive's root folder. Absolute paths, drive letters and any `..` part are refused outright rather
 * than "fixed", because an archive that tries them was not made by a labelling tool.
 */
export function safeEntryPath(name: string): string {
  if (name.includes("\0")) throw refusedArchive(name, "contains a NUL character");
  const unified = name.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified)) throw refusedArchive(name, "is an absolute path");
  const parts = unified.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw refusedArchive(name, 'climbs out of the dataset with ".."');
  if (parts.some((part) => /[\u0000-\u001f]/.test(part))) throw refusedArchive(name, "contains control characters");
  return parts.join("/");
}
