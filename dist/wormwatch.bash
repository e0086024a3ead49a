# bash completion for wormwatch (installed as
# share/bash-completion/completions/wormwatch). The options come from the
# program itself (`wormwatch CMD --help` prints its option table), so they
# never drift from the code.
_wormwatch()
{
	local cur prev cmd opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "analyze host nat logs flows watch contain verify report sensor judge results help --help --version -V" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	if [ "$cmd" = help ]; then
		COMPREPLY=($(compgen -W "analyze host nat logs flows watch contain verify report sensor judge results" -- "$cur"))
		return
	fi
	case "$prev" in
		-i|--interface)
			COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")); return ;;
		--format)
			case "$cmd" in
				contain) COMPREPLY=($(compgen -W "nft iptables openwrt pf cisco windows json" -- "$cur")) ;;
				verify) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
				report) COMPREPLY=($(compgen -W "html" -- "$cur")) ;;
				*) COMPREPLY=($(compgen -W "text json jsonl csv" -- "$cur")) ;;
			esac
			return ;;
		--threads) COMPREPLY=($(compgen -W "1 2" -- "$cur")); return ;;
		-o|--output|-w|--write-evidence|--logs|--nat|--flows|--creds|--tls-ca|--tls-cert|--tls-key|--json-out|-n|--network|--chartjs|--chart-js)
			COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--indicators|--offline)
			COMPREPLY=($(compgen -d -- "$cur")); return ;;
		-H|--home-net|--home|-m|--max|--max-hosts|--watch|-c|--count|-y|--year|-s|--status|-d|--duration|-f|--bpf|-a|--allow|-t|--timeout|--since|--until|--title|--done|--http|--exec|--exec-timeout|--contain-timeout|--never|--listen|--idle|--nats|--partitions|--name|--sensors|--wait|--rate|--lease|--max-partitions)
			return ;;
	esac
	if [[ "$cur" == -* ]]; then
		opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null | sed -n 's/^ \{2,6\}\(-., \)\{0,1\}\(--[a-z-]*\).*/\2/p')
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _wormwatch wormwatch
