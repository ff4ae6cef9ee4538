# zsh completion for the gazette tools: zsh runs the bash completion
# (gazette.bash beside this file, or the installed bash-completion file)
# through bashcompinit, so both shells offer the same options and values.
# In ~/.zshrc:  source PREFIX/share/gazette/completions/gazette.zsh
autoload -U +X compinit && compinit -u
autoload -U +X bashcompinit && bashcompinit
for _gazette_dir in "${0:A:h}" "${0:A:h}/../../bash-completion/completions" /usr/share/bash-completion/completions \
    /usr/local/share/bash-completion/completions; do
  if [[ -r "$_gazette_dir/gazette.bash" ]]; then source "$_gazette_dir/gazette.bash"; break; fi
  if [[ -r "$_gazette_dir/gazette-check" ]]; then source "$_gazette_dir/gazette-check"; break; fi
done
unset _gazette_dir
