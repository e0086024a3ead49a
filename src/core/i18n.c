/* See i18n.h. Only LC_MESSAGES (which catalogue) is taken from the
 * environment. Every other category stays "C": a decimal comma would break
 * the JSON numbers and the parsers' strtod, and the byte handling of the
 * parsers (tolower, isalpha) must not change with a Latin-1 locale. The
 * words come out in UTF-8, the character set of everything else the
 * program prints (the writers check and escape UTF-8), whatever the
 * locale's character set: with LANG unset and --lang ja too. */
#include "core/common.h"
#include "core/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WW_LOCALEDIR
#define WW_LOCALEDIR "/usr/local/share/locale"
#endif

static char localedir[4096];

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running program, or false. */
static bool program_dir(char *out, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", out, len - 1);
	char *slash;
	if (n <= 0)
		return false;
	out[n] = '\0';
	if (!(slash = strrchr(out, '/')))
		return false;
	*slash = '\0';
	return true;
}

const char *ww_i18n_localedir(void)
{
	char exe[3900];
	const char *env = getenv("WW_LOCALEDIR");
	if (localedir[0])
		return localedir;
	if (env && *env && strlen(env) < sizeof(localedir)) {
		memcpy(localedir, env, strlen(env) + 1);
		return localedir;
	}
	if (program_dir(exe, sizeof(exe))) {
		char *slash;
		/* the build tree: <build>/wormwatch beside <build>/locale */
		if (snprintf(localedir, sizeof(localedir), "%s/locale", exe) <
		        (int)sizeof(localedir) && is_dir(localedir))
			return localedir;
		/* installed: <prefix>/bin/wormwatch, <prefix>/share/locale, when
		 * <prefix>/share/wormwatch says this prefix is ours */
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			if (snprintf(localedir, sizeof(localedir), "%s/share/wormwatch", exe) <
			        (int)sizeof(localedir) && is_dir(localedir) &&
			    snprintf(localedir, sizeof(localedir), "%s/share/locale", exe) <
			        (int)sizeof(localedir) && is_dir(localedir))
				return localedir;
		}
	}
	snprintf(localedir, sizeof(localedir), "%s", WW_LOCALEDIR);
	return localedir;
}

bool ww_i18n_lang_ok(const char *lang)
{
	size_t i, n = strlen(lang);
	if (strcmp(lang, "C") == 0 || strcmp(lang, "POSIX") == 0)
		return true;
	/* ll or ll_CC, as LANGUAGE takes them */
	if (n != 2 && n != 5)
		return false;
	for (i = 0; i < 2; i++)
		if (lang[i] < 'a' || lang[i] > 'z')
			return false;
	if (n == 5 && (lang[2] != '_' || lang[3] < 'A' || lang[3] > 'Z' || lang[4] < 'A' ||
	               lang[4] > 'Z'))
		return false;
	return true;
}

ww_rc ww_i18n_init(const char *lang)
{
	const char *msgs;
	setlocale(LC_MESSAGES, "");
	if (lang && (strcmp(lang, "C") == 0 || strcmp(lang, "POSIX") == 0 ||
	             strcmp(lang, "en") == 0 || strncmp(lang, "en_", 3) == 0)) {
		/* the program's own words are English */
		unsetenv("LANGUAGE");
		setenv("LC_MESSAGES", "C", 1);
		setlocale(LC_MESSAGES, "C");
	} else if (lang) {
		char loc[32];
		if (!ww_i18n_lang_ok(lang))
			return WW_ERR_USAGE;
		/* LANGUAGE is honoured only when LC_MESSAGES is not "C" */
		setenv("LANGUAGE", lang, 1);
		msgs = NULL;
		if (strlen(lang) == 5 || strcmp(lang, "ja") == 0) {
			snprintf(loc, sizeof(loc), "%s.UTF-8", strcmp(lang, "ja") == 0 ? "ja_JP" : lang);
			msgs = setlocale(LC_MESSAGES, loc);
		}
		if (!msgs)
			msgs = setlocale(LC_MESSAGES, "C.UTF-8");
		if (msgs)
			setenv("LC_MESSAGES", msgs, 1);
	}
	bindtextdomain(WW_TEXTDOMAIN, ww_i18n_localedir());
	bind_textdomain_codeset(WW_TEXTDOMAIN, "UTF-8");
	return WW_OK;
}

bool ww_i18n_have(const char *lang)
{
	char p[4200];
	struct stat st;
	if (snprintf(p, sizeof(p), "%s/%s/LC_MESSAGES/%s.mo", ww_i18n_localedir(), lang,
	             WW_TEXTDOMAIN) >= (int)sizeof(p))
		return false;
	return stat(p, &st) == 0;
}
