import { redirect } from "next/navigation";
import { richiediUtente } from "@/app/_server/session";
import { homeDi } from "@/lib/auth/home";

export default async function Home() {
  const u = await richiediUtente();
  redirect(homeDi(u.attore));
}
