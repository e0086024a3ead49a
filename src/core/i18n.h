/* Messages for people, in their language (gettext from glibc). Wrap every
 * string a person reads in _() where it is used, or N_() where it sits in
 * a table and is translated when printed (then print _(entry->text)).
 * JSON keys, verdict words and anything a program parses stay English and
 * unwrapped. The domain is "wormwatch"; ww_i18n_init() (core/i18n.c, by
 * the program at start-up) binds it to the catalogue directory. */
#ifndef WW_CORE_I18N_H
#define WW_CORE_I18N_H

#include <libintl.h>

#define WW_TEXTDOMAIN "wormwatch"
#define _(s) dgettext(WW_TEXTDOMAIN, s)
#define N_(s) (s)

#endif
