import type { ImageHeader } from "@/lib/datasets/validation/image-headers";

/** Why a sample's image cannot be shown, in the words the validation report uses. */
export function imageProblem(header: ImageHeader): string | null {
  if (header.status === "ok") return null;
  if (header.status === "unreadable") return `Not a readable image (${header.message})`;
  return {
    not_found: "Missing: no such file under the dataset folder",
    not_a_file: "Not a file: the path names a folder",
    outside_root: "Not shown: the path points outside the dataset folder",
  }[header.reason];
}
