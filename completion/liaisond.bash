# bash completion for liaisond: sub-commands, their options, record kinds, files.
_liaisond() {
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    }
    local commands="check config due status log record export purge tick ingest test-mail backup migrate run help version"
    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version -V" -- "$cur"))
        return
    fi
    case $prev in
        --config) COMPREPLY=($(compgen -f -X '!*.conf' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "utf-8 gb18030" -- "$cur")); return ;;
        --log-level) COMPREPLY=($(compgen -W "err warning notice info debug" -- "$cur")); return ;;
        --rule) COMPREPLY=($(compgen -W "contact.quarterly report.periodic dues.monthly dues.arrears certificate.check placement.changed relation.transfer incoming.register activity.day survey.peak contact.lost membership.review evaluation.annual digest.monthly" -- "$cur")); return ;;
        --event) COMPREPLY=($(compgen -W "sent deferred failed superseded reply rejected ignored ack record void" -- "$cur")); return ;;
        --member|--liaison|--date|--method|--note|--through|--at|--since|--year|--before|--to) return ;;
    esac
    local opts="--config --help"
    case ${words[1]} in
        check) opts+=" --connect" ;;
        due) opts+=" --at --json" ;;
        status) opts+=" --at --json" ;;
        log) opts+=" --member --liaison --rule --since --event --json" ;;
        record)
            if [[ $cword -eq 2 || ( $cword -eq 4 && ${words[2]} == --config ) ]]; then
                COMPREPLY=($(compgen -W "contact unreachable report dues inspection transfer register void" -- "$cur"))
                return
            fi
            opts+=" --member --date --method --note --through --at --event" ;;
        export) opts+=" --year --encoding" ;;
        purge) opts+=" --before" ;;
        tick|ingest) opts+=" --at" ;;
        test-mail) opts+=" --to" ;;
        run) opts+=" --log-level" ;;
        backup) [[ $cur != -* ]] && { COMPREPLY=($(compgen -f -- "$cur")); return; } ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _liaisond liaisond
