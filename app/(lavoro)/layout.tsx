import type { ReactNode } from "react";
import { AppHeader } from "@/app/_components/AppHeader";
import { AppFooter } from "@/app/_components/AppFooter";

/** The working app: header with the signed-in user and their navigation. */
export default function LavoroLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AppHeader />
      <main id="contenuto" className="container my-4" tabIndex={-1}>
        {children}
      </main>
      <AppFooter />
    </>
  );
}
