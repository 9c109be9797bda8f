import { describe, expect, it } from "vitest";
import { ente } from "../../db/schema";
import { impostaLicenza } from "./ente";
import { prepara } from "./prove";

describe("licenza dei dati aperti dell'ente", () => {
  it("CC BY 4.0 finché non si sceglie; l'amministratore la cambia, con la riga di registro; la stessa di nuovo non scrive nulla", () => {
    const { db, admin, righeAudit } = prepara();
    const licenza = () => db.select({ licenza: ente.licenza }).from(ente).get()!.licenza;
    expect(licenza()).toBe("CC-BY-4.0");
    const prima = righeAudit().length;

    expect(impostaLicenza(db, admin, { licenza: "IODL-2.0" })).toEqual({ ok: true, licenza: "IODL-2.0", cambiata: true });
    expect(licenza()).toBe("IODL-2.0");
    expect(righeAudit().at(-1)).toMatchObject({ azione: "ente.licenza", userId: admin.userId, attore: admin.email, dettagli: { da: "CC-BY-4.0", a: "IODL-2.0" } });

    expect(impostaLicenza(db, admin, { licenza: "IODL-2.0" })).toEqual({ ok: true, licenza: "IODL-2.0", cambiata: false });
    expect(righeAudit()).toHaveLength(prima + 1);
  });

  it("una licenza fuori elenco è rifiutata accanto al campo; chi non è amministratore è respinto", () => {
    const { db, admin, nonAmministratori, righeAudit } = prepara();
    const prima = righeAudit().length;
    expect(impostaLicenza(db, admin, { licenza: "MIT" as "CC0-1.0" })).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "licenza", messaggio: "Scegli una delle licenze elencate." }] });
    for (const chi of nonAmministratori) {
      expect(impostaLicenza(db, chi, { licenza: "CC0-1.0" })).toMatchObject({ ok: false, tipo: "negato", messaggio: "Solo l'amministratore configura l'ente." });
    }
    expect(db.select({ licenza: ente.licenza }).from(ente).get()!.licenza).toBe("CC-BY-4.0");
    expect(righeAudit()).toHaveLength(prima);
  });
});
