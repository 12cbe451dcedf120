import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or WASM packages that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@kubernetes/client-node", "s3rver", "onnxruntime-node", "sharp"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
