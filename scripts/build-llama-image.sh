#!/usr/bin/env bash
# Builds the podman image localhost/llama-server:debian from the private llama-server (scripts/setup-llama.sh),
# without any registry: `tar | podman import` of the unpacked Debian packages plus the usr-merge links.
#
# Usage: scripts/build-llama-image.sh [--force] [--image NAME] [--check]
# Output: progress on stderr; the image name on stdout. Exit codes: 0 ready, 10 llama-server unavailable here.
# Skips the build when the image's label matches the installed package versions; --force rebuilds.
# Needs podman (Debian: apt-get install podman runc). In a sandbox without systemd, --check also needs
# CONTAINERS_CONF pointing at a containers.conf like test/helpers/podman-env.ts writes; a normal host needs none.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node --import tsx src/podman/build-llama-image.ts "$@"
