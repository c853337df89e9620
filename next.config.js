// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // a separate build folder lets parallel builds (e.g. two engineers' suites) coexist
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // keep the database driver out of the server bundle; react-pdf is already external by default
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() / unauthorized() answer 403 / 401 from pages and actions
    authInterrupts: true,
    serverActions: { bodySizeLimit: "25mb" },
  },
};

export default nextConfig;
