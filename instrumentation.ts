// Next.js calls register() once per server process before serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads instrumentation to prerender pages; the database belongs to the server only.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareConsole } = await import("./lib/bootstrap/prepare-console");
  await prepareConsole();
}
