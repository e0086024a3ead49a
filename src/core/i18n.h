/* Messages for people, in their language (gettext from glibc). Wrap every
 * string a person reads in _() where it is used, or N_() where it sits in
 * a table and is translated when printed (then print _(entry->text)); P_()
 * picks the singular or plural form for a count. JSON keys, verdict words
 * and anything a program parses stay English and unwrapped. The domain is
 * "wormwatch"; ww_i18n_init() (core/i18n.c, by the program at start-up)
 * binds it to the catalogue directory. See docs/i18n.md. */
#ifndef WW_CORE_I18N_H
#define WW_CORE_I18N_H

#include <libintl.h>
#include <stdbool.h>

#include "core/result.h"

#define WW_TEXTDOMAIN "wormwatch"
#define _(s) dgettext(WW_TEXTDOMAIN, s)
#define N_(s) (s)
#define P_(s, p, n) dngettext(WW_TEXTDOMAIN, s, p, n)

/* Take LC_MESSAGES from the environment (LC_ALL, LC_MESSAGES, LANG;
 * LANGUAGE as gettext reads it; the other categories stay "C") and bind
 * the catalogue, its words in UTF-8. lang, from --lang (NULL: none),
 * overrides them for this run: "C" or "en" for English, "ja" (or any ll /
 * ll_CC) for that language, also when its locale is not generated here.
 * WW_ERR_USAGE for a malformed lang. */
ww_rc ww_i18n_init(const char *lang);
/* A well-formed --lang value: C, POSIX, ll or ll_CC. */
bool ww_i18n_lang_ok(const char *lang);
/* The catalogue folder: $WW_LOCALEDIR; <dir of the program>/locale (the
 * build tree); <prefix>/share/locale beside an installed program; else the
 * configured install folder. */
const char *ww_i18n_localedir(void);
/* Whether a catalogue for lang exists there. */
bool ww_i18n_have(const char *lang);

#endif
