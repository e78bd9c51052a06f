import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";

/** An emulator, a client of it, and its app's ids. */
export interface HelloApp {
  emu: RunningEmulator;
  admin: AdminClient;
  ids: { groupId: string; appId: string };
}

/**
 * An emulator (no seeded logs) whose app has one function, `hello`, for the suites that pull,
 * edit and push it.
 */
export async function startHelloApp(): Promise<HelloApp> {
  const emu = await startEmulator({ logs: { count: 0 } });
  const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  const ids = { groupId: emu.groupId, appId: emu.appId };
  await admin.functions.createFunction({
    ...ids,
    body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
  });
  return { emu, admin, ids };
}
