import { defineConfig } from "vitest/config";

export default defineConfig({
  // Server modules import "server-only"; tests run them as the server does.
  resolve: { conditions: ["react-server"] },
  ssr: { resolve: { conditions: ["react-server"], externalConditions: ["react-server"] } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts"],
    environment: "node",
    // A budget for a hung test, not a speed goal (those are in `npm run bench`): on a 2-core
    // machine with other work beside it, the heavier tests (a whole edition made, imported,
    // published) take several times their quiet duration.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
