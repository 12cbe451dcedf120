// Next.js calls register() once per server process before serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareConsole } = await import("./lib/bootstrap/prepare-console");
  await prepareConsole();
}
