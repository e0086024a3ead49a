#!/bin/sh
# Extract po/wormwatch.pot from the sources: every _("..."), N_("...") and
# P_("...", "...", n), and the formats of ww_error() and ww_warn(), which
# translate them themselves (core/diag.c). Run from the source tree (or `cmake --build --preset
# dev --target pot`); then merge into each language:
#   msgmerge --update --backup=none po/ja.po po/wormwatch.pot
set -eu
xgettext=${1:-xgettext}
cd "$(dirname "$0")/.."
find src -name '*.c' -o -name '*.h' | LC_ALL=C sort > po/POTFILES
"$xgettext" --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--keyword=ww_error --flag=ww_error:1:c-format --keyword=ww_warn --flag=ww_warn:1:c-format --keyword=ww_note --flag=ww_note:1:c-format --keyword=ww_flows_warnf:2 --flag=ww_flows_warnf:2:c-format \
	--add-comments=TRANSLATORS: --sort-by-file --package-name=wormwatch --files-from=po/POTFILES \
	--output=po/wormwatch.pot
rm -f po/POTFILES
echo "po/wormwatch.pot: $(grep -c '^msgid ' po/wormwatch.pot) messages"
