/**
 * An image sent as base64 text, with or without a `data:image/...;base64,` prefix and line breaks;
 * null when the text is not base64 (Buffer.from would silently skip the bad characters).
 */
export function decodeBase64Image(text: string): Uint8Array | null {
  const payload = text.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  return /^[A-Za-z0-9+/_-]*={0,2}$/.test(payload) ? Buffer.from(payload, "base64") : null;
}
