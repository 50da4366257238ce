#!/bin/sh
# man.sh - write vigie.1 (the man page) from the binary's own help: `vigie help` and
# `vigie help CMD` for every command, so the page says what the binary does.
# usage: sh tools/man.sh ./vigie > build/vigie.1
set -e
bin=${1:-./vigie}
version=$("$bin" --version 2>/dev/null | sed -n '1s/^vigie //p')
# roff: escape backslashes, and keep lines from starting with a dot or a quote
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
cat <<HEAD
.TH VIGIE 1 "" "vigie $version" "User Commands"
.SH NAME
vigie \\- scenario-based targeting: evaluate manifests against analyst-written scenarios and explain every hit
.SH SYNOPSIS
.B vigie
.I COMMAND
.RI [ OPTIONS ]
.br
.B vigie help
.RI [ COMMAND | operators ]
.br
.B vigie \\-\\-version
.RI [ RULESET ]
.SH DESCRIPTION
vigie loads scenarios written in a Lua language from a ruleset directory, evaluates
traveller and shipment records against them with indicator scoring, and logs hits with
explanations for officer review. It never acts on a person or a shipment by itself:
every hit is a lead that an officer reviews.
.SH COMMANDS
HEAD
for cmd in $("$bin" help | sed -n 's/^  \([a-z][a-z]*\)  *.*/\1/p' | grep -v '^help$'); do
  printf '.SS %s\n.nf\n' "$cmd"
  "$bin" help "$cmd" | esc
  printf '.fi\n'
done
cat <<'TAIL'
.SH SCENARIO LANGUAGE
The predicates of the language, as
.B vigie help operators
prints them:
.nf
TAIL
"$bin" help operators | esc
cat <<'TAIL'
.fi
.SH FILES
.TP
.B vigie.yaml
Defaults, in the working directory: \fBruleset\fR (directory), \fBstore\fR (review
store file), \fBthreads\fR, \fBlanguage\fR (en or fr). Command-line flags win.
.TP
.B vigie.db
The review store (SQLite), unless \fB\-\-db\fR, \fBVIGIE_DB\fR or vigie.yaml says otherwise.
.SH ENVIRONMENT
.TP
.B VIGIE_CONFIG
The configuration file to read instead of ./vigie.yaml (it must exist).
.TP
.B VIGIE_DB
The review store, when \fB\-\-db\fR is not given (wins over vigie.yaml).
.TP
.B VIGIE_TODAY
The date (YYYY-MM-DD) review dates are checked against, for tests.
.SH EXIT STATUS
0 done; 1 done with rejected records or scenario errors; 2 bad command line; 3 the
ruleset does not load; 4 a file cannot be read or written; 5 tests or checks failed;
6 a run switched a scenario off; 124 a run stopped by its deadline. Each command's
section gives its own.
.SH SEE ALSO
README.md, scenarios/README.md and docs/ in the source tree.
TAIL
