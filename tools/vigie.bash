# vigie.bash - bash completion for vigie: commands, each command's options (read from
# `vigie help CMD`, so it never goes stale), and the values of a few options.
_vigie()
{
    local cur prev bin cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    bin=${COMP_WORDS[0]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$("$bin" help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\)  *.*/\1/p' | sort -u) --version" -- "$cur"))
        return
    fi
    case $cmd in
    help)
        COMPREPLY=($(compgen -W "$("$bin" help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\)  *.*/\1/p' | grep -v '^help$') operators" -- "$cur"))
        return ;;
    esac
    case $prev in
    --lang) COMPREPLY=($(compgen -W "en fr" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "$("$bin" help "$cmd" 2>/dev/null | grep -o -- '--format [a-z|]*' | head -1 | sed 's/--format //; s/|/ /g')" -- "$cur")); return ;;
    -s|--ruleset|--candidate|--baseline) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    case $cur in
    -*) COMPREPLY=($(compgen -W "$("$bin" help "$cmd" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -o filenames -F _vigie vigie
