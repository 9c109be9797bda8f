import { defineConfig } from "vitest/config";

export default defineConfig({
  // Server modules import "server-only"; tests run them as the server does.
  resolve: { conditions: ["react-server"] },
  ssr: { resolve: { conditions: ["react-server"], externalConditions: ["react-server"] } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
