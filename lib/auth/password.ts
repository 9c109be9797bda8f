/** Password hashing with Argon2id (OWASP's first choice), via a prebuilt native module. */
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Compared against when the email is unknown, so both paths take the same time
// and the response does not reveal whether an account exists.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash("password-che-non-esiste");
  return dummy;
}
