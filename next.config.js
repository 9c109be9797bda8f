/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "nodemailer"],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when the policy refuses a page.
  experimental: { authInterrupts: true },
};

module.exports = nextConfig;
