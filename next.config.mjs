/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Database drivers, WASM and native-ish packages stay plain Node requires, shared with the custom server.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "ioredis",
    "ws",
  ],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
