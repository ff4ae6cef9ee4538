#!/usr/bin/env bash
# pdf.module: poppler is loaded only when a PDF comes, from the PDF module
# gazette-pdf.so (lib/internal/gazette/pdf_words.h). The tools do not link
# it; a run on text never maps it; a missing or foreign module is a clear
# error for each PDF and the other inputs are still read; a tool copied with
# its module into another prefix finds it there.
# Usage: module.sh BIN LIBDIR WORK   (LIBDIR: CMAKE_INSTALL_LIBDIR, "lib")
set -uo pipefail
BIN=$1 LIBDIR=$2 WORK=$3
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PDF=$SRC/tests/pdf/fixtures/two-columns.pdf
TEXT=$SRC/samples/chuxiong-2022-12.txt
rm -rf "$WORK"; mkdir -p "$WORK"
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && echo "     $2"; fail=$((fail + 1)); }

for t in gazette-extract gazette-check gazette-convert gazette-split gazette-search; do
  if ldd "$BIN/$t" | grep -q poppler; then bad "$t links poppler" "$(ldd "$BIN/$t" | grep poppler)"; else ok "$t does not link poppler"; fi
done

# The dynamic loader's own account of what it opened.
loaded=$(env -u GAZETTE_PDF_MODULE LD_DEBUG=files "$BIN/gazette-extract" -o "$WORK/text.json" "$TEXT" 2>&1 >/dev/null)
if grep -q 'poppler\|gazette-pdf' <<<"$loaded"; then bad "a run on text loads poppler"; else ok "a run on text does not load poppler"; fi
loaded=$(env -u GAZETTE_PDF_MODULE LD_DEBUG=files "$BIN/gazette-extract" -o "$WORK/pdf.json" "$PDF" 2>&1 >/dev/null)
if grep -q 'file=.*gazette-pdf.so' <<<"$loaded" && grep -q 'file=libpoppler-cpp' <<<"$loaded"; then
  ok "a run on a PDF loads the module and poppler"
else bad "a run on a PDF loads the module" "$(grep -c . <<<"$loaded") lines of LD_DEBUG"; fi
grep -q '"title": "中华人民共和国某某条例"' "$WORK/pdf.json" && ok "the PDF is read through the module" || bad "PDF read" "$(head -c 300 "$WORK/pdf.json")"

# No module: each PDF is refused, named, exit 2; the text beside it is read.
out=$(GAZETTE_PDF_MODULE=$WORK/none.so "$BIN/gazette-extract" -f jsonl "$TEXT" "$PDF" 2>"$WORK/err"); code=$?
docs=$(grep -c '"seq"' <<<"$out")
if [ $code -eq 2 ] && [ "$docs" -eq 7 ] && grep -q "two-columns.pdf: reading a PDF needs the PDF module gazette-pdf.so" "$WORK/err" &&
   grep -q "$WORK/none.so" "$WORK/err"; then
  ok "without the module: the PDF refused (exit 2, named), the text's 7 documents written"
else bad "without the module" "exit $code, $docs documents, $(cat "$WORK/err")"; fi
# A library that is not the module (libc's math library) is refused, not called.
libm=$(ldd "$BIN/gazette-extract" | awk '/libm\.so/ {print $3}')
out=$(GAZETTE_PDF_MODULE=$libm "$BIN/gazette-extract" "$PDF" 2>&1); code=$?
[ $code -eq 2 ] && grep -q "not this version's PDF module" <<<"$out" && ok "a foreign library is not taken for the module" ||
  bad "foreign library" "exit $code: $out"
# gazette-check says the same for a PDF, with the same exit code.
out=$(GAZETTE_PDF_MODULE=$WORK/none.so "$BIN/gazette-check" "$PDF" 2>&1); code=$?
[ $code -eq 2 ] && grep -q "gazette-pdf.so" <<<"$out" && ok "gazette-check without the module: exit 2, says why" ||
  bad "gazette-check without the module" "exit $code: $out"

# --version names the poppler and the module it would read PDFs with, or why none.
out=$(env -u GAZETTE_PDF_MODULE "$BIN/gazette-extract" --version)
grep -q "^PDF input: poppler [0-9.]*, module .*/$LIBDIR/gazette/gazette-pdf.so$" <<<"$out" && ok "--version names poppler and the module" ||
  bad "--version with the module" "$out"
out=$(GAZETTE_PDF_MODULE=$WORK/none.so "$BIN/gazette-split" --version)
grep -q "^PDF input: unavailable: reading a PDF needs the PDF module" <<<"$out" && ok "--version says when PDF input is unavailable" ||
  bad "--version without the module" "$out"

# Relocated: the tool and its module copied into another prefix.
mkdir -p "$WORK/prefix/bin" "$WORK/prefix/$LIBDIR/gazette"
cp "$BIN/gazette-extract" "$WORK/prefix/bin/"
cp "$BIN/../$LIBDIR/gazette/gazette-pdf.so" "$WORK/prefix/$LIBDIR/gazette/"
loaded=$(env -u GAZETTE_PDF_MODULE LD_DEBUG=files "$WORK/prefix/bin/gazette-extract" -o "$WORK/moved.json" "$PDF" 2>&1 >/dev/null); code=$?
if [ $code -eq 0 ] && grep -q "file=$WORK/prefix/$LIBDIR/gazette/gazette-pdf.so" <<<"$loaded" && cmp -s "$WORK/moved.json" "$WORK/pdf.json"; then
  ok "a tool moved with its module finds it beside itself"
else bad "relocated module" "exit $code"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
