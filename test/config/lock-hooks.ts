// A hook on node:fs/promises' `rm` for the lock suites: the fast tier runs without isolation, so
// builtins are patched in place (`syncBuiltinESMExports`), never mocked, and put back at once.
import { createRequire, syncBuiltinESMExports } from "node:module";

const fs = createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");
const realRm = fs.rm;

/**
 * Until `release`, the next removal of a lock file (`….pull.lock`, not a takeover file) is held
 * before it starts; `removing` resolves once it is held. The hook is gone once it has caught one.
 */
export function holdNextLockRemoval(): { removing: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const removing = new Promise<void>((resolve) => (started = resolve));
  fs.rm = async (...args: Parameters<typeof fs.rm>) => {
    if (String(args[0]).endsWith(".pull.lock")) {
      fs.rm = realRm;
      syncBuiltinESMExports();
      started();
      await held;
    }
    return realRm(...args);
  };
  syncBuiltinESMExports();
  return { removing, release };
}
