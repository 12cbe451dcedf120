import { ConsoleError } from "@/lib/errors/console-error";
import { UPLOAD_PART_SIZE } from "@/lib/schemas/models";

/** An upload part's bytes: refused before reading when the declared length is larger than a part. */
export async function readPartBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > UPLOAD_PART_SIZE) throw new ConsoleError("payload_too_large", `A part is at most ${UPLOAD_PART_SIZE} bytes.`);
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > UPLOAD_PART_SIZE) throw new ConsoleError("payload_too_large", `A part is at most ${UPLOAD_PART_SIZE} bytes.`);
  return body;
}
