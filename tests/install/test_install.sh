#!/usr/bin/env bash
# testinstall: install into a fresh prefix, then build and run
# examples/library against it with find_package(gazette); check the man
# pages render and document every --help option, and that pkg-config and
# the completions are in place. Prints 'N passed, N failed'.
set -uo pipefail
SRC=$1 BUILD=$2 WORK=$3 FLAGS=${4:-}
rm -rf "$WORK"; mkdir -p "$WORK"
PREFIX=$WORK/prefix
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && echo "     $2"; fail=$((fail + 1)); }

if cmake --install "$BUILD" --prefix "$PREFIX" > "$WORK/install.log" 2>&1; then ok "cmake --install into $PREFIX"; else bad "install" "$(tail -5 "$WORK/install.log")"; fi
for t in gazette-extract gazette-check gazette-convert gazette-split gazette-search; do
  [ -x "$PREFIX/bin/$t" ] || bad "$t installed"
done
[ -f "$PREFIX/include/gazette/extract.h" ] && [ -f "$PREFIX/lib/libgazette.a" ] && ok "library and headers" || bad "library and headers"
# Only the public API is installed; the pipeline's stages (lib/internal) are not.
want="batch.h catalog.h check.h decode.h emit.h error.h extract.h files.h model.h report.h schema.h search.h text.h"
got=$(cd "$PREFIX/include/gazette" && ls | sort | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$want" ] && ok "installed headers: the public API only" || bad "installed headers" "got: $got"
[ -f "$PREFIX/share/gazette/schemas/issue.schema.yaml" ] && [ -f "$PREFIX/share/gazette/schemas/profiles/chuxiong.yaml" ] &&
  ok "schemas and profiles" || bad "schemas and profiles"
[ -f "$PREFIX/share/bash-completion/completions/gazette-check" ] && ok "bash completions" || bad "bash completions"
[ -f "$PREFIX/share/bash-completion/completions/gazette-search" ] && [ -f "$PREFIX/share/fish/vendor_completions.d/gazette-check.fish" ] &&
  [ -f "$PREFIX/share/gazette/completions/gazette.zsh" ] && ok "zsh and fish completions, gazette-search's" || bad "zsh/fish completions"
# A file name with spaces completes as one word; -o of gazette-extract offers files, of gazette-convert folders.
compl=$WORK/compl; mkdir -p "$compl/出 版"; touch "$compl/带 空格 的名字.txt"
complete_in() {  # WORDS... -> the completions, one per line
  (cd "$compl" && PATH="$PREFIX/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _gazette_tools 2>/dev/null;
                           printf "%s
" "${COMPREPLY[@]}"' _ "$PREFIX/share/bash-completion/completions/gazette-extract" "$@")
}
got=$(complete_in gazette-extract 带)
[ "$got" = "带 空格 的名字.txt" ] && ok "bash: a name with spaces is one completion" || bad "bash completion of spaced names" "$got"
got=$(complete_in gazette-extract -o 带)
[ "$got" = "带 空格 的名字.txt" ] && ok "bash: gazette-extract -o offers files" || bad "gazette-extract -o" "$got"
got=$(complete_in gazette-convert -o "")
[ "$got" = "出 版" ] && ok "bash: gazette-convert -o offers folders only" || bad "gazette-convert -o" "$got"
got=$(complete_in gazette-check --disable number-b)
grep -q "^number-brackets$" <<<"$got" && ok "bash: --disable offers rule ids" || bad "--disable completion" "$got"

# The installed tool finds its installed schemas (not the source tree's).
out=$(cd / && env -u GAZETTE_SCHEMAS "$PREFIX/bin/gazette-check" --profile chuxiong --fail-on warning "$SRC/samples/chuxiong-2022-12.txt" 2>&1)
[ $? -eq 0 ] && ok "installed gazette-check finds its profiles" || bad "installed gazette-check" "$out"
# The PDF module is installed where the installed tools look for it.
module=$(ls "$PREFIX"/lib*/gazette/gazette-pdf.so 2>/dev/null | head -1)
out=$(cd / && env -u GAZETTE_PDF_MODULE "$PREFIX/bin/gazette-extract" -f jsonl "$SRC/tests/pdf/fixtures/two-columns.pdf" 2>&1)
[ -n "$module" ] && grep -q '"title":"中华人民共和国某某条例"' <<<"$out" && ok "the PDF module is installed and the installed tool reads a PDF" ||
  bad "installed PDF module" "${module:-no gazette-pdf.so}: ${out:0:300}"
version=$("$PREFIX/bin/gazette-extract" --version)
grep -q "ICU" <<<"$version" && ok "--version names the library and ICU" || bad "--version"
grep -qF "module $PREFIX/" <<<"$version" && ok "--version names the installed PDF module" || bad "--version's PDF module" "$version"

# find_package(gazette) from a separate project.
if cmake -S "$SRC/examples/library" -B "$WORK/example" -DCMAKE_PREFIX_PATH="$PREFIX" \
     -DCMAKE_CXX_FLAGS="$FLAGS" -DCMAKE_EXE_LINKER_FLAGS="$FLAGS" > "$WORK/example.log" 2>&1 &&
   cmake --build "$WORK/example" >> "$WORK/example.log" 2>&1; then
  ok "examples/library builds against the installed package"
  out=$("$WORK/example/list-documents" "$SRC/samples/chuxiong-2022-12.txt")
  if [ "$(echo "$out" | wc -l)" -eq 7 ] && grep -q "^楚政通〔2022〕61号	楚雄州人民政府关于印发" <<<"${out%%$'\n'*}"; then
    ok "examples/library lists the 7 documents"
  else bad "examples/library output" "$out"; fi
else bad "examples/library build" "$(tail -20 "$WORK/example.log")"; fi

# pkg-config
libs=$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --libs gazette)
if grep -q -- "-lgazette" <<<"$libs"; then ok "pkg-config gazette"; else bad "pkg-config"; fi

# man pages: render, and carry every option of --help.
# Here-strings, not `echo "$text" | grep -q`: bash's echo writes a line at a
# time into a pipe, grep -q leaves at its first match, and under pipefail the
# echo's SIGPIPE failed the check now and then on a loaded machine.
for t in gazette-extract gazette-check gazette-convert gazette-split gazette-search; do
  page="$PREFIX/share/man/man1/$t.1"
  if [ ! -f "$page" ]; then bad "$t.1 installed"; continue; fi
  text=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
  if [ -z "$text" ]; then bad "man -l $t.1 renders"; continue; fi
  missing=""
  for opt in $("$PREFIX/bin/$t" --help | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u); do
    grep -qF -- "$opt" <<<"$text" || missing="$missing $opt"
  done
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES; do
    grep -q "^$section" <<<"$text" || missing="$missing [$section]"
  done
  [ -z "$missing" ] && ok "man $t: renders, every --help option and section" || bad "man $t" "missing:$missing"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
