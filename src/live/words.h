/* The live page's own words in the reader's language. The page (assets/)
 * is English; at start it fetches /words.json, {"lang": "ja", "t":
 * {"English": "translation", ...}}, and puts t[x] for every element marked
 * data-t and every text its script makes with t('...'), where {0}, {1}
 * stand for numbers and names filled in by the script. The English texts
 * are the keys: the table in words.c must hold each one the page uses
 * (tests/words/live_words.py checks both sides). Verdict words and what
 * comes from the capture stay as they are. */
#ifndef WW_LIVE_WORDS_H
#define WW_LIVE_WORDS_H

#include <stddef.h>

/* A fresh malloc'd JSON document (NULL when out of memory), in the
 * language the messages are printed in (core/i18n.h). */
char *ww_live_words_json(size_t *len);

#endif
