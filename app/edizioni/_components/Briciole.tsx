import Link from "next/link";

/** Bootstrap Italia breadcrumb: every step a link, the current page last and marked as such. */
export function Briciole({ voci, corrente }: { voci: { href: string; testo: string }[]; corrente: string }) {
  return (
    <nav aria-label="Percorso" className="breadcrumb-container">
      <ol className="breadcrumb">
        {voci.map((v) => (
          <li key={v.href} className="breadcrumb-item">
            <Link href={v.href}>{v.testo}</Link>
            <span className="separator">/</span>
          </li>
        ))}
        <li className="breadcrumb-item active" aria-current="page">{corrente}</li>
      </ol>
    </nav>
  );
}
