import { fileDelSito } from "@/app/_server/file-sito-in-preparazione";

export const dynamic = "force-dynamic";
export const GET = fileDelSito("sito.zip");
