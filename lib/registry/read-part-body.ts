import { readBodyBytes } from "@/lib/api/read-body";
import { UPLOAD_PART_SIZE } from "@/lib/schemas/models";

/** An upload part's bytes, cut off as they stream once they pass a part's size. */
export function readPartBody(request: Request): Promise<Uint8Array> {
  return readBodyBytes(request, UPLOAD_PART_SIZE);
}
