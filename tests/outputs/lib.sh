# Sourced by the tests of this folder.
# ct_sweep N: N conntrack entries (conntrack -L's text) of 192.168.1.66
# sweeping TCP 445 across 198.51.0-.x.1-250, every one unreplied.
ct_sweep() {
	i=0
	while [ $i -lt "$1" ]; do
		printf 'tcp      6 118 SYN_SENT src=192.168.1.66 dst=198.51.%d.%d sport=%d dport=445 [UNREPLIED] src=198.51.%d.%d dst=203.0.113.5 sport=445 dport=%d mark=0 use=1\n' \
			$((i / 250)) $((i % 250 + 1)) $((40000 + i)) $((i / 250)) $((i % 250 + 1)) $((40000 + i))
		i=$((i + 1))
	done
}
