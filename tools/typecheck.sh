#!/bin/sh
# mypy on the package as it installs: the top-level folders are linked into build/typecheck/
# under their installed names (inspectkg.ontology <- ontology/, ...), since mypy cannot follow
# setuptools' editable-install import hook.
set -eu
cd "$(dirname "$0")/.."
root=build/typecheck
rm -rf "$root"
mkdir -p "$root/inspectkg"
for f in inspectkg/*.py; do ln -s "$PWD/$f" "$root/inspectkg/$(basename "$f")"; done
for pkg in ontology ingest graph api viz; do ln -s "$PWD/$pkg" "$root/inspectkg/$pkg"; done
cd "$root"
exec "${MYPY:-../../.venv/bin/mypy}" --config-file ../../pyproject.toml -p inspectkg
