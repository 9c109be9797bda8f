#!/bin/sh
# Checks every published revision's folder against its manifest (.origine.json: the SHA-256 of every
# file, compressed copies included), as the app does before serving a file. Caddy serves these files
# without hashing them (deploy/Caddyfile): this is the check it does not make. Exits 1 and names the
# folder if a file differs or is missing. Run by bilancio-sociale-backup.service every night; by hand:
#   sudo -u bilancio /opt/bilancio-sociale/deploy/controlla-pubblicate.sh
# Needs jq. Argument: the folder of the published files (default /var/lib/bilancio-sociale/pubblicate).
set -u
radice=${1:-/var/lib/bilancio-sociale/pubblicate}
stato=0
cartelle=0
for cartella in "$radice"/*/[1-9]*/; do
	[ -f "${cartella}.origine.json" ] || continue
	cartelle=$((cartelle + 1))
	if ! (cd "$cartella" && jq -r '.file | to_entries[] | .value + "  " + .key' .origine.json | sha256sum --quiet --strict -c -); then
		echo "[integrità] ${cartella}: file diversi dal manifesto. Caddy li servirebbe così: togli la cartella (la rifà il server dal database al prossimo avvio) e cerca chi l'ha cambiata." >&2
		stato=1
	fi
done
[ "$stato" -eq 0 ] && echo "File pubblicati integri: $cartelle cartelle controllate."
exit "$stato"
