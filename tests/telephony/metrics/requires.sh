#!/bin/sh
# Runs a test only where the program it needs is installed, and otherwise
# tells ctest it was skipped (exit 77, SKIP_RETURN_CODE), never that it passed.
# Usage: requires.sh PROGRAM COMMAND [ARG]...
program=$1
shift
if ! command -v "$program" >/dev/null 2>&1; then
  echo "SKIP: $program is not installed; scripts/deps monitoring installs it (Debian's prometheus package)"
  exit 77
fi
exec "$@"
