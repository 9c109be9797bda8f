/** zod with Italian messages: every schema imports z from here, so every error a user sees is Italian. */
import { z } from "zod";

z.config(z.locales.it());

export { z };
