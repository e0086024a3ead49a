# bash completion for wormwatch (installed as
# share/bash-completion/completions/wormwatch)
_wormwatch()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "analyze host nat logs flows watch contain verify report help --help --version" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case "$prev" in
		-i|--interface)
			COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")); return ;;
		--home-net|--max|--watch|--count|--year|--status|--duration|--threads|--bpf|--listen|--idle)
			return ;;
	esac
	if [[ "$cur" == -* ]]; then
		case "$cmd" in
			analyze) COMPREPLY=($(compgen -W "--home-net --json --threads --help" -- "$cur")) ;;
			host) COMPREPLY=($(compgen -W "--json --live --network --indicators --offline --since --help" -- "$cur")) ;;
			nat) COMPREPLY=($(compgen -W "--json --live --proc --max --watch --count --home-net --help" -- "$cur")) ;;
			logs) COMPREPLY=($(compgen -W "--json --home-net --year --help" -- "$cur")) ;;
			flows) COMPREPLY=($(compgen -W "--listen --count --idle --home-net --json --help" -- "$cur")) ;;
			watch) COMPREPLY=($(compgen -W "--interface --bpf --json-out --home-net --status --duration --json --help" -- "$cur")) ;;
		esac
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _wormwatch wormwatch
