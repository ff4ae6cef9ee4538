#!/bin/sh
# Makes the man pages: help2man over each tool's --help, with the sections
# of man/TOOL.h2m (NAME, EXIT STATUS, FILES, EXAMPLES, SEE ALSO).
#   man/make.sh BIN_DIR OUT_DIR      (`make man`: build/bin into man/)
set -eu
bin=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for tool in gazette-extract gazette-check gazette-convert gazette-split gazette-search; do
  # --version's first line only: the second names the PDF module found on
  # this machine, which is no part of the page.
  GAZETTE_SCHEMAS="$here/../schemas" help2man --no-info --no-discard-stderr --section=1 --source=gazette \
    --version-string="$("$bin/$tool" --version | head -1)" \
    --include="$here/$tool.h2m" --output="$out/$tool.1" "$bin/$tool"
done
