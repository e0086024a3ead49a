#!/bin/sh
# words.ja: the S1, S2 and S3 cases and the demo capture with
# LANG=ja_JP.UTF-8 print Japanese (the catalogue built into <build>/locale),
# while JSON keys and verdict words stay English; --lang overrides the
# environment both ways. Skips (77) when the ja_JP.UTF-8 locale is missing
# (scripts/install-deps.sh generates it).
# usage: ja.sh WORMWATCH SOURCE_DIR ROUTER_FIXTURES DEMO_PCAP
set -u
WW=$1 SRC=$2 RFX=$3 DEMO=$4
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	echo "skip: the ja_JP.UTF-8 locale is not generated here (locale-gen ja_JP.UTF-8)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
# run NAME WANT_STATUS CMD...: stdout to $T/NAME.out, stderr to $T/NAME.err
run() {
	n=$1 want=$2
	shift 2
	"$@" >"$T/$n.out" 2>"$T/$n.err"
	st=$?
	[ "$st" = "$want" ] && ok "$n: exit $st" || { bad "$n: exit $st, expected $want"; head -5 "$T/$n.err"; }
}
has() {
	if grep -qF -- "$2" "$T/$1.out"; then ok "$1: has \"$2\""
	else bad "$1: lacks \"$2\""; head -12 "$T/$1.out"; fi
}
hasnt() {
	if grep -qF -- "$2" "$T/$1.out"; then bad "$1: still has \"$2\""; else ok "$1: no \"$2\""; fi
}
JA="env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8 TZ=UTC"
C="env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C TZ=UTC"

# S1, the network side: the full NAT table of the Gaobot office
run s1nat 3 $JA "$WW" nat --max 1024 "$RFX/s1_proc.txt"
has s1nat "INFECTED  192.168.1.23"                  # the verdict word stays English
has s1nat "理由: 接続テーブルの 51% を占有。感染拡大中"
has s1nat "接続テーブルが満杯です (1,024 件中 1,024 件)"
has s1nat "インターネットにつながったりつながらなかったりするのはこのためです"
has s1nat "次にすること:"
has s1nat "封じ込め: 上に挙げた感染ホストを切り離し"
hasnt s1nat "What to do next"
# S1, the PC side: Run/RunServices "Video Process" and the HOSTS file
run s1host 2 $JA "$WW" host "$SRC/tests/host/s1"
has s1host "自動起動の値 \"Video Process\" が sysconf.exe を起動します"
has s1host "sysconf.exe は既知のワームのファイルです (Gaobot/Agobot の自動起動、出典: "
has s1host "HOSTS ファイルがセキュリティ企業、Microsoft、更新サイトの名前 10 件を乗っ取っています"
has s1host "www.symantec.com -> 127.0.0.1 (セキュリティ企業)"
has s1host "CurrentVersion\\RunServices\" /v \"Video Process\" /f を実行し、sysconf.exe を削除して再起動してください"
has s1host "HOSTS ファイルを既定の内容 (コメントと localhost のみ) に戻し"
# S2: the manager's PC, spollsv.exe sweeping 192.168.0.0/24
run s2 3 $JA "$WW" host "$SRC/tests/host/s2"
has s2 "CRITICAL  感染して活動中: spollsv.exe (PID 1540) が 192.168.0.2〜192.168.0.34 の 31 個のアドレスをポート 80, 135, 139, 445 で総当たりしています"
has s2 "ICMP Destination Unreachable を 271596 件受信"
has s2 "プロセスを終了してください: taskkill /PID 1540 /F"
has s2 "何よりも先に、このマシンをネットワークから切り離してください"
# S3: Conficker/Kido in svchost, security services switched off
run s3 3 $JA "$WW" host "$SRC/tests/host/s3"
has s3 "内のサービス 'qsgnfbvt' (ServiceDll C:\\WINDOWS\\system32\\jwgkvsq.dll) が"
has s3 "Conficker/Kido と同じやり方で svchost 内で jwgkvsq.dll を動かしています"
has s3 "セキュリティ関連のサービス 'wuauserv' (自動更新) が無効にされています"
has s3 "駆除後に実行: sc config \"wuauserv\" start= auto"
has s3 "出典: Microsoft KB962007"

# JSON: the same keys and verdict words in Japanese as in English; the
# text a person reads (titles, steps) is Japanese
run s1json 3 $JA "$WW" nat --json --max 1024 "$RFX/s1_proc.txt"
run s1jsonC 3 $C "$WW" nat --json --max 1024 "$RFX/s1_proc.txt"
run s3json 3 $JA "$WW" host --json "$SRC/tests/host/s3"
run s3jsonC 3 $C "$WW" host --json "$SRC/tests/host/s3"
python3 - "$T" <<'PY' || fail=1
import json, sys
t = sys.argv[1]
def keys(o, path=''):
    out = set()
    if isinstance(o, dict):
        for k, v in o.items():
            out.add(path + '/' + k)
            out |= keys(v, path + '/' + k)
    elif isinstance(o, list):
        for v in o:
            out |= keys(v, path + '[]')
    return out
bad = 0
for case, field in (('s1json', 'hosts'), ('s3json', 'findings')):
    ja = json.load(open('%s/%s.out' % (t, case)))
    en = json.load(open('%s/%sC.out' % (t, case)))
    if keys(ja) != keys(en):
        print('FAIL %s: JSON keys differ from the English run: %s' % (case, sorted(keys(ja) ^ keys(en))[:5])); bad = 1
    else:
        print('ok   %s: the same %d JSON keys as in English' % (case, len(keys(ja))))
    words = [(x.get('verdict'), x.get('severity')) for x in ja[field]]
    if words != [(x.get('verdict'), x.get('severity')) for x in en[field]]:
        print('FAIL %s: verdict/severity words differ: %s' % (case, words)); bad = 1
    else:
        print('ok   %s: verdict and severity words stay English: %s' % (case, words[:2]))
    if not any(ord(ch) > 0x3000 for x in ja[field] for ch in x.get('title', '')):
        print('FAIL %s: the titles are not Japanese' % case); bad = 1
    else:
        print('ok   %s: titles in Japanese: %s' % (case, ja[field][0]['title'][:30]))
sys.exit(bad)
PY

# the demo capture, as the README shows it
if [ -f "$DEMO" ]; then
	run demo 3 $JA "$WW" analyze "$DEMO"
	has demo "INFECTED  192.168.0.23  スコア 0.99  初回接続 3 件目で警告"
	has demo "理由: 感染拡大中: 192.168.0.1〜.254 をアドレス順にポート 445/139/135 で総当たり中"
	has demo "P2P  192.168.0.60"
	has demo "説明がつくため、問題としていないもの:"
	has demo "検証: もう一度数分間キャプチャして \`wormwatch analyze\` にかけ"
else
	bad "no demo capture at $DEMO (the demo target makes it)"
fi

# --lang: Japanese with LANG unset (C), English with LANG=ja_JP.UTF-8
run langja 2 env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE TZ=UTC "$WW" --lang ja host "$SRC/tests/host/s1"
has langja "次にすること:"
run langen 2 $JA "$WW" --lang en host "$SRC/tests/host/s1"
has langen "What to do next:"
hasnt langen "次にすること"
run langeq 2 $JA "$WW" --lang=C host "$SRC/tests/host/s1"
has langeq "What to do next:"
run langbad 64 $C "$WW" --lang 'x;y' host "$SRC/tests/host/s1"
grep -q "is not a language" "$T/langbad.err" && ok "langbad: says why" || bad "langbad: $(cat "$T/langbad.err")"
# an error message, in Japanese too
run err 64 $JA "$WW" host --live "$SRC/tests/host/s1"
grep -q "は保存された (別のマシンの) 出力です" "$T/err.err" && ok "err: the error message is Japanese" \
	|| bad "err: $(cat "$T/err.err")"
[ $fail = 0 ] && echo "ja: passed" || echo "ja: FAILED"
exit $fail
