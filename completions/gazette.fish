# fish completion for the gazette tools. Long options are read from each
# tool's own --help when the completion loads, so they never drift; values
# are given for the options that take a fixed set.
for tool in gazette-extract gazette-check gazette-convert gazette-split gazette-search
    command -q $tool; or continue
    for opt in ($tool --help 2>/dev/null | string match -r -a -- '--[a-z][a-z-]*' | sort -u)
        complete -c $tool -l (string sub -s 3 -- $opt)
    end
end
complete -c gazette-extract -s f -l format -x -a 'json jsonl yaml'
complete -c gazette-convert -s f -l format -x -a 'json yaml jsonl'
complete -c gazette-extract -l unit -x -a 'document issue'
complete -c gazette-check -s f -l format -x -a 'text json jsonl sarif github'
complete -c gazette-search -s f -l format -x -a 'text json jsonl'
complete -c gazette-check -l fail-on -x -a 'error warning info'
complete -c gazette-check -l enable -x -a '(gazette-check --list-rules 2>/dev/null | string split -f1 \t)'
complete -c gazette-check -l disable -x -a '(gazette-check --list-rules 2>/dev/null | string split -f1 \t)'
complete -c gazette-check -l color -x -a 'auto always never'
complete -c gazette-search -l color -x -a 'auto always never'
complete -c gazette-convert -s o -l outdir -x -a '(__fish_complete_directories)'
complete -c gazette-split -s o -l outdir -x -a '(__fish_complete_directories)'
complete -c gazette-search -s C -l dir -x -a '(__fish_complete_directories)'
complete -c gazette-extract -s o -l output -r -F
