"use client";
/** Re-renders the page from the server every few seconds while something it shows is in progress. */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AggiornaOgni({ secondi }: { secondi: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), secondi * 1000);
    return () => clearInterval(t);
  }, [router, secondi]);
  return null;
}
