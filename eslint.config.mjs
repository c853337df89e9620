// ESLint (flat config): Next's core-web-vitals and TypeScript rules, plus the one-way dependency
// rule of docs/architecture.md: edge (app/, lib/api) → domain (lib/<domain>) → base (lib/authz,
// lib/audit-log, lib/db.ts and the shared leaves lib/*.ts, lib/generated). `npm test` runs it.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const BASE = ["./lib/authz", "./lib/audit-log", "./lib/db.ts"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**"],
  },
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true } },
    rules: {
      // a leading underscore is how this code base drops a field from a rest copy (`const { key: _key, ...rest }`)
      // or marks a parameter a signature needs but the body does not
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./lib/!(api)/**/*", "./lib/*.{ts,tsx}"],
              from: ["./app", "./lib/api"],
              message: "Domain and base code (lib/) must not depend on the edge (app/, lib/api): move the shared piece down into the domain.",
            },
            {
              target: BASE,
              from: ["./lib/!(authz|audit-log|generated)/**/*"],
              message: "Base code (lib/authz, lib/audit-log, lib/db.ts) must not depend on a domain folder of lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // one validated env module (docs/architecture.md): lib/ reads configuration through lib/env.ts only
    files: ["lib/**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through a typed accessor of lib/env.ts (validated there, with an error naming the variable)." },
      ],
    },
  },
];

export default config;
