#!/usr/bin/env bash
# Installs the n8n server the n8n end-to-end test runs (pinned version), once per machine: later runs
# find it in place and do nothing. The folder can be moved with RINGCX_N8N_HOME.
#
# n8n's install scripts are skipped (some download native sources from outside the npm registry and
# fail offline); only sqlite3, which n8n needs, is then compiled, against the headers of the repo's
# Node 24 rather than the machine's npm `nodedir`.
set -euo pipefail
cd "$(dirname "$0")/.."

N8N_VERSION=2.41.1
home="${RINGCX_N8N_HOME:-$HOME/.cache/ringcx-connectors/n8n-$N8N_VERSION}"

export PATH="$PWD/node_modules/.bin:$PATH"
node_bin="$(readlink -f node_modules/.bin/node)"
if [ ! -x "$node_bin" ]; then
  echo "install-n8n: node_modules/.bin/node is missing: run the workspace install first." >&2
  exit 1
fi
node_dir="$(dirname "$(dirname "$node_bin")")"
if [ ! -d "$node_dir/include/node" ]; then
  echo "install-n8n: no Node headers under $node_dir/include/node; sqlite3 cannot be compiled." >&2
  exit 1
fi

mkdir -p "$home"
# Two runs on the same machine must not install into the same folder at once.
exec 9>"$home/.install.lock"
flock 9

has_n8n() { [ -x "$home/node_modules/n8n/bin/n8n" ]; }
# Loading the binding with the same Node that runs n8n proves it was built for that Node.
has_sqlite3() { (cd "$home" && node -e "require('sqlite3')" >/dev/null 2>&1); }

if has_n8n && has_sqlite3; then
  echo "install-n8n: n8n $N8N_VERSION already installed in $home"
  exit 0
fi

if [ ! -f "$home/package.json" ]; then
  echo '{"name":"n8n-runtime","private":true}' >"$home/package.json"
fi

if ! has_n8n; then
  echo "install-n8n: installing n8n $N8N_VERSION into $home (several minutes)"
  (cd "$home" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

if ! has_sqlite3; then
  echo "install-n8n: compiling sqlite3 for Node $(node -v)"
  (cd "$home" && npm rebuild sqlite3 --nodedir="$node_dir" --loglevel=error)
  if ! has_sqlite3; then
    echo "install-n8n: sqlite3 still does not load with Node $(node -v) after the rebuild." >&2
    exit 1
  fi
fi

echo "install-n8n: n8n $N8N_VERSION ready in $home"
