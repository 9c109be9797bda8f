import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { utenteCorrente } from "@/app/_server/session";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Accesso" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await utenteCorrente()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: the login must not become an open redirect.
  const destinazione = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <div className="row justify-content-center">
      <div className="col-md-7 col-lg-5">
        <h1 className="h2 mb-4">Accedi al Bilancio Sociale</h1>
        <LoginForm destinazione={destinazione} />
      </div>
    </div>
  );
}
