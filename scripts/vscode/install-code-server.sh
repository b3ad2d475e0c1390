#!/bin/bash
# Installs code-server (VS Code's own workbench + extension host, served over HTTP) from the npm registry,
# with the Debian packages it needs, and no other download. Idempotent: a finished install is reused.
#
# usage: scripts/vscode/install-code-server.sh [DIR]
#   DIR defaults to ${UPKEEP_CACHE:-$HOME/.cache/upkeep}/code-server-$VERSION
#   prints the path of the code-server launcher as its last line.
#
# Why each step:
# - code-server 4.100.3 (VS Code 1.100.3) is the last line that runs on Node 20; later ones need Node 22+.
# - libkrb5-dev: headers for the `kerberos` native module it compiles.
# - ripgrep: @vscode/ripgrep's postinstall would download rg from GitHub; it takes the tarball from
#   $TMPDIR/vscode-ripgrep-cache-<ver>/ instead when one is there, so we pack Debian's rg into that cache.
# - chromium: the headless browser that opens the workbench (driven by playwright-core).
# - npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# - npm_config_nodedir: node-gyp would download Node's headers from the internet; the ones installed with
#   Node (/usr/include/node) do when their version matches.
# - npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which `yes=false` in an npmrc would cancel.
set -euo pipefail
VERSION=4.100.3
RG_PKG_VERSION=1.15.11            # @vscode/ripgrep version pulled in by code-server 4.100.3
case "$(uname -m)" in                # the asset name @vscode/ripgrep looks for on this machine
  aarch64|arm64) RG_TARGET=aarch64-unknown-linux-gnu ;;
  *) RG_TARGET=x86_64-unknown-linux-musl ;;
esac
RG_ASSET=ripgrep-v13.0.0-10-$RG_TARGET.tar.gz
DIR=${1:-${UPKEEP_CACHE:-$HOME/.cache/upkeep}/code-server-$VERSION}
BIN="$DIR/node_modules/.bin/code-server"
MARK="$DIR/.upkeep-install-complete"

if [ -f "$MARK" ] && [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

need=()
for p in libkrb5-dev ripgrep chromium; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
# compilers for the native modules (on most machines already)
for c in make g++ python3; do command -v "$c" >/dev/null 2>&1 || need+=("$c"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then
  hv=$(awk '/^#define NODE_(MAJOR|MINOR|PATCH)_VERSION /{printf "%s.", $3}' /usr/include/node/node_version.h)
  if [ "v${hv%.}" = "$(node -v)" ]; then export npm_config_nodedir=/usr; fi
fi

rm -rf "$DIR"; mkdir -p "$DIR"
RGC=$(mktemp -d)
trap 'rm -rf "$RGC"' EXIT
mkdir -p "$RGC/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$RGC/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$(dirname "$(command -v rg)")" rg
cd "$DIR"
echo '{"name":"upkeep-code-server-host","private":true}' > package.json
echo "installing code-server@$VERSION into $DIR (a few minutes: native modules are compiled)" >&2
TMPDIR=$RGC npm_config_unsafe_perm=true npm_config_yes=true \
  npm install "code-server@$VERSION" --no-audit --no-fund --no-save --loglevel=error >&2
# any code-server run writes ~/.config/code-server unless XDG_* point elsewhere
XDG_CONFIG_HOME=$DIR/.xdg XDG_DATA_HOME=$DIR/.xdg "$BIN" --version >&2
touch "$MARK"
echo "$BIN"
