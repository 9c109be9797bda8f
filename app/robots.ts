/**
 * /robots.txt: search engines may read the public site (the published editions and
 * their files) and the login page; the signed-in app is none of their business. The
 * sitemap is named with the app's absolute public address (lib/mail/link.ts), read
 * at request time, not at build time.
 */
import type { MetadataRoute } from "next";
import { linkAssoluto } from "@/lib/mail/link";

export const dynamic = "force-dynamic";

/** Every address of the signed-in app (app/(lavoro), app/api), by its first segment. */
const PERCORSI_RISERVATI = [
  "/api/",
  "/amministrazione",
  "/ascolto",
  "/coordinamento",
  "/edizione/",
  "/edizione$",
  "/invito/",
  "/nessun-ruolo",
  "/notifiche",
  "/password-dimenticata",
  "/profilo",
  "/registro",
  "/reimposta/",
  "/revisione",
  "/settore",
  "/sezioni",
];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: ["/edizioni", "/login", "/_next/static/"], disallow: PERCORSI_RISERVATI },
    sitemap: linkAssoluto("/sitemap.xml"),
  };
}
