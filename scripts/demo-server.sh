#!/usr/bin/env bash
# make demo-server: a region on one PostgreSQL server, on this machine, without root's help.
# Starts a server in .build/demo-server (initdb, pg_ctl, a Unix socket in that folder, no TCP
# port), sets up the region (bpv server init), copies both sample regions into it as schools
# (Gooi as the school "gooi"; Kennemerland's pupils keep their own schools), adds a user of each
# role and shows what each one sees through psql. Run again to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
BPV=${BPV:-.build/release/bpv}
DIR=$(pwd)/.build/demo-server
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "demo-server: no PostgreSQL server programs (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: under root the server runs as the postgres user.
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -f "$DIR/data/postmaster.pid" ]; then as_server "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
rm -rf "$DIR" && mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
as_server "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_server "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-c listen_addresses='' -k $DIR" start >/dev/null
psql -X -q -h "$DIR" -U postgres -d postgres -c "CREATE DATABASE regio"
DB="postgresql://postgres@/regio?host=$DIR"
echo "server: $DB (log: $DIR/server.log)"

"$BPV" server init --db "$DB"
for region in gooi kennemerland; do
  ws="$DIR/$region.sqlite"
  [ "$region" = gooi ] && "$BPV" set region "Hilversum|Huizen|Gooise Meren|Wijdemeren|Blaricum|Laren|Eemnes" --db "$ws" >/dev/null
  for kind in students employers internships; do "$BPV" import "$kind" "Samples/$region-$kind.csv" --db "$ws" >/dev/null; done
  "$BPV" --db "$ws" < "Samples/$region-history.bpv" >/dev/null
  echo match | "$BPV" --db "$ws" >/dev/null
done
"$BPV" copy "$DIR/gooi.sqlite" "$DB" --school gooi
"$BPV" copy "$DIR/kennemerland.sqlite" "$DB"
"$BPV" server add-user regio regional --db "$DB"
"$BPV" server add-user coord-gooi school gooi --db "$DB"
"$BPV" server add-user mentor-1 coach gooi --db "$DB"
"$BPV" server add-user kijker viewer --db "$DB"

echo
echo "What each user reads with psql (the server enforces it, whatever program they use):"
for user in regio coord-gooi mentor-1; do
  n=$(psql -X -At -h "$DIR" -U "$user" -d regio -c "SELECT count(*) FROM bpv.student")
  echo "  $user: $n pupils"
done
echo "  kijker: $(psql -X -At -h "$DIR" -U kijker -d regio -c "SELECT count(*) FROM bpv.pupil_overview") pupils in the pseudonymous overview;" \
  "the pupils table: $(psql -X -At -h "$DIR" -U kijker -d regio -c "SELECT count(*) FROM bpv.student" 2>&1 | sed 's/^ERROR: *//')"
echo
echo "The register through bpv, each user on the pupils they may see:"
at() { echo "postgresql://$1@/regio?host=$DIR"; }
echo "  mentor-1 (coach):       $("$BPV" --db "$(at mentor-1)" stats | head -1)"
echo "  coord-gooi (school):    $("$BPV" --db "$(at coord-gooi)" stats | head -1)"
echo "  regio (regional):       $("$BPV" --db "$(at regio)" stats | head -1)"
echo "  mentor-1 pins a place:  $("$BPV" --db "$(at mentor-1)" pin GV-002 GVI-044 found it herself | head -1)"
echo "  regio sees it at once:  $("$BPV" --db "$(at regio)" placements pinned | grep '^GV-002' | tr -s ' ')"
echo "  coord-gooi matches Gooi in the places the region leaves free: $("$BPV" --db "$(at coord-gooi)" match | head -1)"
echo
echo "Try:   $BPV --db '$(at mentor-1)'        (a coach's shell)"
echo "       psql -h $DIR -U mentor-1 -d regio -c 'SELECT id, name, level FROM bpv.student'"
echo "Back:  $BPV copy '$DB' region.sqlite    (the whole region as one workspace file)"
echo "Stop:  $( [ "$(id -u)" -eq 0 ] && echo 'runuser -u postgres -- ')$PGBIN/pg_ctl -D $DIR/data stop"
