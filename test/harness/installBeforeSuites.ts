// Mocha global setup for suites that run code-server (test/e2e/.mocharc.json requires it): installs it,
// if needed, before any suite starts its timers, also when mocha is run directly rather than by
// `npm test` (whose "code-server" stage normally does it first).
import { ensureCodeServer } from './installCodeServer';

export async function mochaGlobalSetup(): Promise<void> {
  await ensureCodeServer();
}
