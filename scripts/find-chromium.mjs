// Finds the Chromium the e2e tests drive: CHROME_PATH, else Debian's /usr/bin/chromium, else
// installs Debian's package when this is root on a Debian-like system. Never downloads a browser build.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export function findChromium({ install = true } = {}) {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  const canApt = process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (install && canApt) {
    console.log("[e2e] Chromium not found: installing Debian's chromium package");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const result = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (result.status === 0 && existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "The end-to-end tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) " +
      "or set CHROME_PATH to a Chrome or Chromium binary.",
  );
}
