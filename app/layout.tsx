import type { Metadata } from "next";
import type { ReactNode } from "react";
// Bootstrap Italia built from its Sass sources with only the parts in use (app/stile), then the app's own rules.
import "./stile/bootstrap-italia.scss";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bilancio Sociale", template: "%s · Bilancio Sociale" },
  description: "Scrivere, rivedere, firmare e pubblicare il Bilancio Sociale del Comune",
};

/**
 * Only the document shell: the working app's header reads the session, and
 * the public site (app/edizioni) must stay free of it to be served from cache.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="it">
      <body>
        <a className="visually-hidden-focusable" href="#contenuto">Vai al contenuto principale</a>
        {children}
      </body>
    </html>
  );
}
