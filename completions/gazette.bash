# bash completion for gazette-extract, gazette-check, gazette-convert,
# gazette-split and gazette-search. Options come from the tool's own --help,
# so they never drift from what the tool accepts; values are completed for the options
# that take a fixed set.
_gazette_tools() {
  local cur prev opts
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case "$prev" in
    -f|--format)
      case "${COMP_WORDS[0]##*/}" in
        gazette-check) COMPREPLY=($(compgen -W "text json sarif github" -- "$cur")) ;;
        gazette-convert) COMPREPLY=($(compgen -W "json yaml jsonl" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "json jsonl yaml" -- "$cur")) ;;
      esac
      return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning info" -- "$cur")); return ;;
    --encoding) COMPREPLY=($(compgen -W "utf-8 utf-16le utf-16be gb18030 gbk" -- "$cur")); return ;;
    --profile)
      local dir=${GAZETTE_SCHEMAS:-}
      [ -z "$dir" ] && dir=$(dirname "$(command -v "${COMP_WORDS[0]}")")/../share/gazette/schemas
      COMPREPLY=($(compgen -W "$(ls "$dir/profiles" 2>/dev/null | sed 's/\.yaml$//')" -- "$cur") $(compgen -f -- "$cur"))
      return ;;
    -o|--outdir|--output|-C|--dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    opts=$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u)
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _gazette_tools gazette-extract gazette-check gazette-convert gazette-split gazette-search
