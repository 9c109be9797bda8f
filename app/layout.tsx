import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { AppHeader } from "./_components/AppHeader";

export const metadata: Metadata = {
  title: { default: "Bilancio Sociale", template: "%s · Bilancio Sociale" },
  description: "Scrivere, rivedere, firmare e pubblicare il Bilancio Sociale del Comune",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="it">
      <body>
        <a className="visually-hidden-focusable" href="#contenuto">Vai al contenuto principale</a>
        <AppHeader />
        <main id="contenuto" className="container my-4" tabIndex={-1}>
          {children}
        </main>
        <footer className="it-footer mt-5">
          <div className="it-footer-small-prints clearfix">
            <div className="container">
              <p className="text-white py-3 mb-0 small">Bilancio Sociale · strumento di rendicontazione del Comune</p>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
