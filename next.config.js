/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "nodemailer"],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when the policy refuses a page.
  experimental: {
    authInterrupts: true,
    // Uploads through server actions: an edition package (up to 4 MB, lib/editions/crea.ts) and
    // spreadsheets (up to 5 MB, app/_server/import-actions.ts), with the form's other fields.
    serverActions: { bodySizeLimit: "6mb" },
  },
};

module.exports = nextConfig;
