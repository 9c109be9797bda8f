import { z } from "../zod-it";

export const credenzialiSchema = z.object({
  email: z.string().trim().min(1, "Inserisci l'email").max(320).email("Email non valida"),
  password: z.string().min(1, "Inserisci la password").max(500),
});
