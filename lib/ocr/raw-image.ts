// Pixel buffers shared by every stage. Channel order is BGR throughout because PaddleOCR reads
// images with cv2 (BGR) and its models were trained on that order: the ImageNet mean/std of the
// detector are applied to channels in BGR order, so feeding RGB would silently skew the input.

/** Interleaved 8-bit image, 3 channels in BGR order, row-major. */
export interface BgrImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function createBgrImage(width: number, height: number): BgrImage {
  return { data: new Uint8Array(width * height * 3), width, height };
}

/**
 * Bilinear resize with half-pixel centres and edge clamping — the sampling of cv2.resize
 * INTER_LINEAR, which is what PaddleOCR uses for both detection and recognition inputs (no
 * antialiasing on downscale, so results stay close to the reference implementation).
 */
export function resizeBilinear(src: BgrImage, width: number, height: number): BgrImage {
  const dst = createBgrImage(width, height);
  if (width === src.width && height === src.height) {
    dst.data.set(src.data);
    return dst;
  }
  const sx = src.width / width;
  const sy = src.height / height;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  // Horizontal taps depend only on the column: compute them once per call, not once per pixel.
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), maxX);
    const x0 = Math.floor(fx);
    x0s[x] = x0 * 3;
    x1s[x] = Math.min(x0 + 1, maxX) * 3;
    fxs[x] = fx - x0;
  }
  const s = src.data;
  const d = dst.data;
  const rowStride = src.width * 3;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), maxY);
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * rowStride;
    const r1 = Math.min(y0 + 1, maxY) * rowStride;
    let o = y * width * 3;
    for (let x = 0; x < width; x++) {
      const a = x0s[x]!;
      const b = x1s[x]!;
      const wx = fxs[x]!;
      for (let c = 0; c < 3; c++) {
        const top = s[r0 + a + c]! + (s[r0 + b + c]! - s[r0 + a + c]!) * wx;
        const bottom = s[r1 + a + c]! + (s[r1 + b + c]! - s[r1 + a + c]!) * wx;
        d[o++] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return dst;
}

/** 90° counter-clockwise, as numpy's rot90 used by PaddleOCR for tall crops. */
export function rotate90CounterClockwise(src: BgrImage): BgrImage {
  const { width: w, height: h } = src;
  const dst = createBgrImage(h, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Source column x becomes destination row (w - 1 - x); source row y becomes column y.
      const si = (y * w + x) * 3;
      const di = ((w - 1 - x) * h + y) * 3;
      dst.data[di] = src.data[si]!;
      dst.data[di + 1] = src.data[si + 1]!;
      dst.data[di + 2] = src.data[si + 2]!;
    }
  }
  return dst;
}

export function rotate180(src: BgrImage): BgrImage {
  const dst = createBgrImage(src.width, src.height);
  const n = src.width * src.height;
  for (let i = 0; i < n; i++) {
    const si = i * 3;
    const di = (n - 1 - i) * 3;
    dst.data[di] = src.data[si]!;
    dst.data[di + 1] = src.data[si + 1]!;
    dst.data[di + 2] = src.data[si + 2]!;
  }
  return dst;
}
