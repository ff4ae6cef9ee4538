# bash completion for gazette-extract, gazette-check, gazette-convert,
# gazette-split and gazette-search. Options come from the tool's own --help,
# so they never drift from what the tool accepts; values are completed for
# the options that take a fixed set. Names with spaces stay one word
# (mapfile, not word splitting). zsh loads this file too (gazette.zsh).
_gazette_tools() {
  local cur prev tool
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  tool=${COMP_WORDS[0]##*/}
  COMPREPLY=()
  _gazette_words() { mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur"); }
  _gazette_files() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); }
  _gazette_dirs() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); }
  case "$prev" in
    -f|--format)
      case "$tool" in
        gazette-check) _gazette_words "text json jsonl sarif github" ;;
        gazette-search) _gazette_words "text json jsonl" ;;
        gazette-convert) _gazette_words "json yaml jsonl" ;;
        *) _gazette_words "json jsonl yaml" ;;
      esac
      return ;;
    --fail-on) _gazette_words "error warning info"; return ;;
    --unit) _gazette_words "document issue"; return ;;
    --color) _gazette_words "auto always never"; return ;;
    --encoding) _gazette_words "utf-8 utf-16le utf-16be gb18030 gbk pdf"; return ;;
    --enable|--disable) _gazette_words "$("${COMP_WORDS[0]}" --list-rules 2>/dev/null | cut -f1)"; return ;;
    --severity)
      local rules
      rules=$("${COMP_WORDS[0]}" --list-rules 2>/dev/null | cut -f1 | sed 's/$/=/')
      compopt -o nospace 2>/dev/null
      if [[ "$cur" == *=* ]]; then _gazette_words "$(for l in error warning info off; do echo "${cur%%=*}=$l"; done)"
      else _gazette_words "$rules"; fi
      return ;;
    --profile)
      local dir=${GAZETTE_SCHEMAS:-}
      [ -z "$dir" ] && dir=$(dirname "$(command -v "${COMP_WORDS[0]}")")/../share/gazette/schemas
      _gazette_files
      local names
      mapfile -t names < <(compgen -W "$(ls "$dir/profiles" 2>/dev/null | sed 's/\.yaml$//')" -- "$cur")
      COMPREPLY+=("${names[@]}")
      return ;;
    -o|--outdir|--output)
      # gazette-extract writes a file; the batch tools a folder.
      if [ "$tool" = gazette-extract ]; then _gazette_files; else _gazette_dirs; fi
      return ;;
    -C|--dir|--root) _gazette_dirs; return ;;
    --catalog|--baseline|--schema|--source|--files-from) _gazette_files; return ;;
  esac
  if [[ "$cur" == -* ]]; then
    _gazette_words "$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u)"
  else
    _gazette_files
  fi
}
complete -F _gazette_tools gazette-extract gazette-check gazette-convert gazette-split gazette-search
