#!/usr/bin/env bash
# Installs what bpv's build and tests need when it is missing, so that `make demo` and
# `make test` work on a fresh machine. Safe to run again: it only acts on what is absent.
set -euo pipefail

need_apt=()
command -v swift >/dev/null 2>&1 || [ -x /opt/swift/usr/bin/swift ] || {
  echo "ensure-deps: no Swift toolchain found (expected swift on PATH or /opt/swift/usr/bin/swift)" >&2
  exit 1
}
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# GRDB links the system SQLite.
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists sqlite3; } && [ ! -f /usr/include/sqlite3.h ]; then
  need_apt+=(libsqlite3-dev)
fi

# The shell's line editor links libedit through pkg-config.
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libedit; } && [ ! -f /usr/include/histedit.h ]; then
  need_apt+=(libedit-dev)
fi
# .xlsx files are ZIP archives (ZIPFoundation links the system zlib through pkg-config), their
# parts XML (Foundation's XMLParser uses libxml2).
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists zlib; } && [ ! -f /usr/include/zlib.h ]; then
  need_apt+=(zlib1g-dev)
fi
ldconfig -p 2>/dev/null | grep -q 'libxml2\.so\.2' || need_apt+=(libxml2)
# The end-to-end tests type into the shell through a pseudo-terminal made by util-linux's script.
command -v script >/dev/null 2>&1 || need_apt+=(bsdutils)

# `ensure-deps.sh --test` (make test): the programs the end-to-end tests drive, installed here,
# once and before any test runs, never from inside a test (two tests installing at once fight
# over dpkg's lock): LibreOffice Calc opens bpv's workbooks, Chromium loads its report.
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/soffice ] || [ -x /usr/lib/libreoffice/program/soffice ] || need_apt+=(libreoffice-calc)
  [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ] || need_apt+=(chromium)
  # The region's register on PostgreSQL: the tests start a server of their own (initdb in a
  # temporary folder, a Unix socket) and check who sees what through psql.
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && command -v psql >/dev/null 2>&1 || need_apt+=(postgresql)
fi

# `ensure-deps.sh --server` (make demo-server): PostgreSQL's server and psql.
if [ "${1:-}" = "--server" ]; then
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && command -v psql >/dev/null 2>&1 || need_apt+=(postgresql)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${need_apt[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
