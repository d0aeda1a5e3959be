#!/usr/bin/env bash
# Build what tests/test_hub.py needs, outside the tests (this step uses the network; the tests never do):
#   - configurable-http-proxy 5.3.0 from npm, in $COURSEKIT_HUB_DIR/proxy
#   - a venv every user can read, from Debian's /usr/bin/python3, with JupyterHub 6.1.1 and this
#     checkout's coursekit (a normal, non-editable install), in $COURSEKIT_HUB_DIR/venv
# JupyterHub stays installed between runs; coursekit is installed again whenever src/ or
# pyproject.toml changed. Run it as root; it prints the variables the test reads:
#   eval "$(bash tests/hub_setup.sh)" && .venv/bin/python -m pytest tests/test_hub.py
# COURSEKIT_HUB_DIR chooses the folder (default /opt/coursekit-hub).
set -euo pipefail
exec 3>&1 1>&2  # progress to stderr; only the export line to stdout
(
  umask 022  # everything here must be readable by the test's unix users
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  repo="$(pwd)"
  dir="${COURSEKIT_HUB_DIR:-/opt/coursekit-hub}"
  mkdir -p "$dir"

  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -x "$dir/proxy/node_modules/.bin/configurable-http-proxy" ]; then
    npm install --prefix "$dir/proxy" --no-audit --no-fund --loglevel=error configurable-http-proxy@5.3.0 >/dev/null
  fi

  if ! /usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive  # Debian splits venv's ensurepip into its own package
    apt-get update -qq
    apt-get install -y -qq python3-venv >/dev/null
  fi
  venv="$dir/venv"
  if ! "$venv/bin/python" -c 'import sys, jupyterhub; sys.exit(jupyterhub.__version__ != "6.1.1")' 2>/dev/null; then
    rm -rf "$venv" "$dir/coursekit.stamp"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q jupyterhub==6.1.1
  fi

  # coursekit: built from a copy, so the checkout gets no build/ or egg-info folders.
  stamp="$( (cat pyproject.toml README.md; find src -type f -not -path '*/__pycache__/*' -not -name '*.pyc' \
            -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64)"
  deps="$(sha256sum pyproject.toml | cut -c1-64)"
  if [ "$(cat "$dir/coursekit.stamp" 2>/dev/null)" != "$stamp $deps" ]; then
    build="$(mktemp -d /tmp/coursekit-hub-build-XXXXXX)"
    trap 'rm -rf "$build"' EXIT
    cp -r pyproject.toml README.md src "$build/"
    find "$build" -name __pycache__ -prune -exec rm -rf {} +
    if [ "$(cut -d' ' -f2 "$dir/coursekit.stamp" 2>/dev/null)" != "$deps" ]; then
      # coursekit's dependencies changed; on the hub, learners and the trainer share this venv: the trainer's tools
      "$venv/bin/pip" install -q "$build[trainer]" jupyterhub==6.1.1
    fi
    "$venv/bin/pip" install -q --no-deps --force-reinstall "$build"
    echo "$stamp $deps" >"$dir/coursekit.stamp"
  fi
  chmod -R a+rX "$dir"
  echo "export COURSEKIT_HUB_VENV=$venv COURSEKIT_HUB_PROXY=$dir/proxy/node_modules/.bin/configurable-http-proxy" >&3
)
