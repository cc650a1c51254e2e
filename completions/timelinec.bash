# bash completion for timelinec(1)                                     -*- shell-script -*-
#
# Commands, their options, option values (formats, colours, budget profiles and their keys,
# widget families, zones), rule ids for `explain` and `--severity` (from `timelinec explain
# --list`), and spec files (*.yaml, *.yml, *.json) or timelines (*.json). Needs no
# bash-completion package. Installed as $(PREFIX)/share/bash-completion/completions/timelinec.
#
# Words are read from COMP_LINE up to the cursor and split at blanks only, so `--format=js`,
# `--budget custom:reloads=20,min-g` and `--severity TL107=o` are seen whole; each reply is then
# cut to the part readline replaces (after the last COMP_WORDBREAKS character).

_timelinec_rules()
{
    local tool=${1:-timelinec}
    if [[ -z ${_timelinec_rule_cache-} || ${_timelinec_rule_tool-} != "$tool" ]]; then
        _timelinec_rule_cache=$("$tool" explain --list 2>/dev/null | awk '/^TL[0-9]/ {print $1}')
        _timelinec_rule_tool=$tool
    fi
    printf '%s\n' "$_timelinec_rule_cache"
}

_timelinec_zones()
{
    local dir=${TIMELINEC_TZDIR:-${TZDIR:-/usr/share/zoneinfo}}
    [[ -d $dir ]] || return 0
    (
        cd "$dir" 2>/dev/null || exit 0
        compgen -f -- "$1" | while IFS= read -r z; do
            case $z in
                *.tab | *.zi | *.list | posix | posix/* | right | right/* | leap* | +VERSION | SECURITY) ;;
                *) if [[ -d $z ]]; then printf '%s/\n' "$z"; else printf '%s\n' "$z"; fi ;;
            esac
        done
    )
}

# Adds candidates (one per line on stdin) that start with $1 to COMPREPLY, cut for readline.
_timelinec_reply()
{
    local val=$1 c breaks=${COMP_WORDBREAKS// /}
    breaks=${breaks//$'\t'/}
    breaks=${breaks//$'\n'/}
    # what readline replaces: the text after the last word-break character of the whole word
    local rl=$_timelinec_full
    [[ -n $breaks ]] && rl=${rl##*[$breaks]}
    local cut=$((${#_timelinec_full} - ${#val}))
    local keep=$((${#_timelinec_full} - ${#rl}))
    while IFS= read -r c; do
        [[ -n $c && $c == "$val"* ]] || continue
        c=${_timelinec_full:0:cut}$c
        COMPREPLY+=("${c:keep}")
    done
}

_timelinec_files()
{
    # $1: extensions as an ERE alternation; $2: the word
    local f
    while IFS= read -r f; do
        if [[ -d $f ]]; then
            COMPREPLY+=("$f/")
        elif [[ $f =~ \.($1)$ ]]; then
            COMPREPLY+=("$f")
        fi
    done < <(compgen -f -- "$2")
    [[ $2 == - || -z $2 ]] && [[ $1 == *yaml* ]] && COMPREPLY+=(-)
    compopt -o filenames -o nospace 2>/dev/null
    return 0
}

_timelinec()
{
    COMPREPLY=()
    local line=${COMP_LINE:0:COMP_POINT} w
    local -a lw=()
    read -r -a lw <<<"$line"
    # the whole word under the cursor ('' after a blank) and the words before it
    if [[ $line =~ [[:space:]]$ || ${#lw[@]} -eq 0 ]]; then
        _timelinec_full=
    else
        _timelinec_full=${lw[${#lw[@]} - 1]}
        unset 'lw[${#lw[@]}-1]'
    fi
    local full=$_timelinec_full prev=${lw[${#lw[@]} - 1]:-}
    local tool=${lw[0]:-timelinec}
    tool=${tool/#\~/$HOME}
    [[ -x $tool ]] || type -P "$tool" >/dev/null 2>&1 || tool=timelinec

    local commands='check compile render explain reference preview'
    local common='--format --docs-url --color --tzdata --werror --no-config --help --version'
    local profiles='debugger frequent typical rare frozen custom:'
    local budget_keys='reloads= min-gap= reload-lateness= entry-lateness= spacing= max-entries= tolerance='
    local families='default small medium large extraLarge accessoryInline accessoryCircular accessoryRectangular'

    # the command: the first word that is neither an option nor the value of a common option
    local i cmd= cmd_at=0
    for ((i = 1; i < ${#lw[@]}; i++)); do
        case ${lw[i]} in
            --format | --docs-url | --color | --tzdata) ((i++)) ;;
            -*) ;;
            *) cmd=${lw[i]}; cmd_at=$i; break ;;
        esac
    done

    # the option whose value is being completed: --opt=VALUE or --opt VALUE
    local opt=$prev val=$full
    if [[ $full == --*=* ]]; then
        opt=${full%%=*}
        val=${full#*=}
    elif [[ $full == -* ]]; then
        opt=
    fi

    case $opt in
        --format) _timelinec_reply "$val" <<<$'human\njson\nsarif\ngithub'; return 0 ;;
        --docs-url) return 0 ;;
        --color) _timelinec_reply "$val" <<<$'auto\nalways\nnever'; return 0 ;;
        --tzdata)
            _timelinec_reply "$val" < <(compgen -d -- "$val" | sed 's|$|/|')
            compopt -o nospace 2>/dev/null
            return 0 ;;
        --budget)
            if [[ $val == *:* ]]; then
                # overrides after the profile: custom:reloads=20,min-gap=1h
                local last=${val##*[:,]} k
                local head=${val:0:${#val}-${#last}}
                [[ $last == *=* ]] ||
                    _timelinec_reply "$val" < <(for k in $budget_keys; do printf '%s\n' "$head$k"; done)
            else
                _timelinec_reply "$val" < <(printf '%s\n' $profiles)
            fi
            compopt -o nospace 2>/dev/null
            return 0 ;;
        --severity)
            if [[ $val == *=* ]]; then
                local r=${val%%=*}
                _timelinec_reply "$val" < <(printf '%s\n' "$r=error" "$r=warning" "$r=note" "$r=off")
            else
                _timelinec_reply "$val" < <(_timelinec_rules "$tool" | sed 's/$/=/')
                compopt -o nospace 2>/dev/null
            fi
            return 0 ;;
        --display-zone)
            _timelinec_reply "$val" < <(_timelinec_zones "$val")
            compopt -o nospace 2>/dev/null
            return 0 ;;
        --family) _timelinec_reply "$val" < <(printf '%s\n' $families); return 0 ;;
        -o | --output | --output-sarif | --output-json | --write-baseline | --baseline | --html)
            _timelinec_reply "$val" < <(compgen -f -- "$val")
            [[ $opt == -o || $opt == --output || $opt == --html ]] && [[ -z $val ]] && COMPREPLY+=(-)
            compopt -o filenames 2>/dev/null
            return 0 ;;
        --now | --at | --param | --max-warnings | --locale)
            return 0 ;;
    esac
    [[ $full == --*=* ]] && return 0

    if [[ -z $cmd ]]; then
        if [[ $full == -* ]]; then
            _timelinec_reply "$full" < <(printf '%s\n' $common -h)
        else
            _timelinec_reply "$full" < <(printf '%s\n' $commands)
        fi
        return 0
    fi

    case $cmd in
        check)
            if [[ $full == -?* ]]; then
                _timelinec_reply "$full" < <(printf '%s\n' $common --budget --now --display-zone \
                    --output-sarif --output-json --max-warnings --severity --baseline \
                    --baseline-strict --write-baseline)
            else
                _timelinec_files 'yaml|yml|json' "$full"
            fi ;;
        compile)
            if [[ $full == -?* ]]; then
                _timelinec_reply "$full" < <(printf '%s\n' $common -o --output --timeline --check \
                    --param --now --display-zone)
            else
                _timelinec_files 'yaml|yml|json' "$full"
            fi ;;
        render)
            if [[ $full == -?* ]]; then
                _timelinec_reply "$full" < <(printf '%s\n' --at --locale --family --now --param \
                    --tzdata --format --color --help)
            else
                _timelinec_files 'json|yaml|yml' "$full"
            fi ;;
        preview)
            if [[ $full == -?* ]]; then
                _timelinec_reply "$full" < <(printf '%s\n' --at --html --locale --now --param \
                    --display-zone --budget --no-config --tzdata --help)
            else
                _timelinec_files 'yaml|yml|json' "$full"
            fi ;;
        explain)
            # one argument: a rule id (case-insensitive) or --list
            if ((${#lw[@]} == cmd_at + 1)); then
                local ids
                ids=$({ _timelinec_rules "$tool"; printf '%s\n' --list --help; })
                _timelinec_reply "$full" <<<"$ids"
                if ((${#COMPREPLY[@]} == 0)) && [[ -n $full ]]; then
                    # tl1<TAB>: offer the upper-case ids (readline replaces the whole word)
                    _timelinec_reply "$(tr '[:lower:]' '[:upper:]' <<<"$full")" <<<"$ids"
                fi
            fi ;;
        reference)
            ((${#lw[@]} == cmd_at + 1)) &&
                _timelinec_reply "$full" < <(printf '%s\n' --markdown --json-schema --help) ;;
    esac
    return 0
}

complete -F _timelinec timelinec
