/* The live page's words (words.h). */
#include "core/common.h"
#include "core/i18n.h"
#include "live/words.h"
#include "report/writer.h"

#include <stdio.h>

/* Every text of assets/index.html marked data-t and every t('...') of
 * assets/app.js, in English, exactly as written there. */
static const char *const page_words[] = {
	/* TRANSLATORS: the live page; {0}, {1} are filled in by the page */
	N_("connecting"), N_("live"), N_("reconnecting"), N_("disconnected"),
	N_("packets"), N_("dropped"), N_("up"), N_("hosts judged"), N_("alerts"), N_("viewers"),
	N_("Hosts"), N_("host"), N_("verdict"), N_("score"), N_("why"), N_("last evidence"),
	N_("No suspect host yet."), N_("New destinations per second (suspect hosts)"),
	N_("now"), N_("peak"), N_("Connection table"), N_("inside host"), N_("entries"),
	N_("share of the table"), N_("destinations"), N_("Containment"), N_("Alerts"),
	N_("No alert yet."), N_("Updated"), N_("never"),
	N_("Everything here comes from this program; nothing is loaded from the network."),
	N_("on {0}"), N_("n/a"), N_("Chart.js could not be loaded: numbers only."),
	N_("new destinations / s"), N_("{0} of {1} entries"), N_("unknown"), N_("{0} a second"),
	N_("full in {0} at this rate"), N_("not filling"),
	N_("Containment: {0}; {1} host(s) quarantined"),
	N_("after {0} first contact:"), N_("after {0} first contacts:"),
};

char *ww_live_words_json(size_t *len)
{
	char *buf = NULL;
	size_t i;
	struct ww_out o;
	FILE *f = open_memstream(&buf, len);
	ww_rc rc;
	if (!f)
		return NULL;
	ww_out_init(&o, f);
	/* TRANSLATORS: the page's language code (BCP 47) for <html lang> */
	ww_out_puts(&o, "{\"lang\":");
	ww_out_json_str(&o, _("en"));
	ww_out_puts(&o, ",\"t\":{");
	for (i = 0; i < WW_ARRAY_LEN(page_words); i++) {
		if (i)
			ww_out_puts(&o, ",");
		ww_out_json_str(&o, page_words[i]);
		ww_out_puts(&o, ":");
		ww_out_json_str(&o, _(page_words[i]));
	}
	ww_out_puts(&o, "}}");
	rc = o.rc;
	if (fclose(f) != 0 || rc) {
		free(buf);
		return NULL;
	}
	return buf;
}
