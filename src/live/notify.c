#include "core/common.h"
#include "core/timefmt.h"
#include "live/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct msg {
	int sev;
	char *text;
	char *json;
	size_t json_len;
};

struct child {
	pid_t pid;
	int64_t deadline_ms;
};

struct ww_notify {
	struct ww_notify_opts o;
	char *exec;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct msg q[WW_NOTIFY_QUEUE];
	size_t head, n;
	bool stop;
	struct ww_notify_stats st;   /* under mu */
	struct child kids[WW_NOTIFY_CHILDREN];
	size_t n_kids;                /* the thread's own */
};

static void count(struct ww_notify *n, uint64_t *field)
{
	pthread_mutex_lock(&n->mu);
	(*field)++;
	pthread_mutex_unlock(&n->mu);
}

/* Reap what has ended; with force, kill what is past its time. */
static void reap(struct ww_notify *n, bool block)
{
	size_t i = 0;
	while (i < n->n_kids) {
		struct child *k = &n->kids[i];
		int status;
		pid_t r = waitpid(k->pid, &status, WNOHANG);
		if (r == 0 && (ww_mono_ns() / 1000000) >= k->deadline_ms) {
			kill(k->pid, SIGKILL);
			r = waitpid(k->pid, &status, 0);
			count(n, &n->st.killed);
			ww_warn("'%s' ran longer than %g s and was killed", n->exec, n->o.exec_timeout_s);
		} else if (r == k->pid && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
			count(n, &n->st.failed);
		}
		if (r == k->pid || (r < 0 && errno == ECHILD)) {
			n->kids[i] = n->kids[--n->n_kids];
			continue;
		}
		i++;
	}
	if (block && n->n_kids) {
		struct timespec d = {0, 10 * 1000000L};
		nanosleep(&d, NULL);
	}
}

static void run_command(struct ww_notify *n, const struct msg *m)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dfl;
	char *argv[2];
	int p[2];
	pid_t pid;
	int e;
	ssize_t w;
	while (n->n_kids >= WW_NOTIFY_CHILDREN)
		reap(n, true);
	if (pipe2(p, O_CLOEXEC) != 0) {
		count(n, &n->st.spawn_failed);
		return;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	posix_spawn_file_actions_adddup2(&fa, 2, 1); /* our stdout carries the report */
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	/* this thread blocks every signal: the command must not inherit that */
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGHUP);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	argv[0] = n->exec;
	argv[1] = NULL;
	e = posix_spawnp(&pid, n->exec, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(p[0]);
	if (e) {
		close(p[1]);
		count(n, &n->st.spawn_failed);
		ww_warn("cannot run '%s': %s", n->exec, strerror(e));
		return;
	}
	/* one alert is far below the pipe's atomic size: never blocks */
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	w = write(p[1], m->json, m->json_len);
	if (w == (ssize_t)m->json_len)
		w = write(p[1], "\n", 1);
	(void)w;
	close(p[1]);
	n->kids[n->n_kids].pid = pid;
	n->kids[n->n_kids].deadline_ms = (ww_mono_ns() / 1000000) + (int64_t)(n->o.exec_timeout_s * 1000);
	n->n_kids++;
}

static void *notify_thread(void *arg)
{
	struct ww_notify *n = arg;
	for (;;) {
		struct msg m;
		bool have = false, stop;
		pthread_mutex_lock(&n->mu);
		if (!n->n && !n->stop) {
			struct timespec dl;
			clock_gettime(CLOCK_MONOTONIC, &dl);
			dl.tv_nsec += 50 * 1000000L; /* wake to reap children */
			if (dl.tv_nsec >= 1000000000L) {
				dl.tv_sec++;
				dl.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&n->cv, &n->mu, &dl);
		}
		if (n->n) {
			m = n->q[n->head];
			n->head = (n->head + 1) % WW_NOTIFY_QUEUE;
			n->n--;
			have = true;
		}
		stop = n->stop && !n->n;
		pthread_mutex_unlock(&n->mu);
		if (have) {
			if (n->o.syslog)
				syslog(m.sev, "%s", m.text);
			if (n->exec && m.json)
				run_command(n, &m);
			count(n, &n->st.sent);
			free(m.text);
			free(m.json);
		}
		reap(n, false);
		if (stop && !have) {
			while (n->n_kids)
				reap(n, true);
			return NULL;
		}
	}
}

ww_rc ww_notify_start(struct ww_notify **out, const struct ww_notify_opts *o, char *err,
                      size_t errlen)
{
	struct ww_notify *n = ww_calloc(1, sizeof(*n));
	pthread_condattr_t ca;
	sigset_t all, old;
	int e;
	*out = NULL;
	if (!n)
		return WW_ERR_NOMEM;
	n->o = *o;
	if (n->o.exec_timeout_s <= 0)
		n->o.exec_timeout_s = 10;
	if (o->exec && !(n->exec = strdup(o->exec))) {
		free(n);
		return WW_ERR_NOMEM;
	}
	if (o->syslog)
		openlog("wormwatch", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	pthread_mutex_init(&n->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&n->cv, &ca);
	pthread_condattr_destroy(&ca);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	e = pthread_create(&n->th, NULL, notify_thread, n);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		snprintf(err, errlen, "cannot start the alert thread: %s", strerror(e));
		pthread_cond_destroy(&n->cv);
		pthread_mutex_destroy(&n->mu);
		free(n->exec);
		free(n);
		return WW_ERR_IO;
	}
	*out = n;
	return WW_OK;
}

void ww_notify_send(struct ww_notify *n, int severity, const char *text, const char *json,
                    size_t json_len)
{
	struct msg m;
	size_t i;
	if (!n)
		return;
	m.sev = severity;
	m.text = strdup(text);
	m.json = json && n->exec ? malloc(json_len + 1) : NULL;
	m.json_len = json_len;
	if (!m.text || (json && n->exec && !m.json)) {
		free(m.text);
		free(m.json);
		count(n, &n->st.dropped);
		return;
	}
	for (i = 0; m.text[i]; i++)
		if ((unsigned char)m.text[i] < 0x20 || m.text[i] == 0x7f)
			m.text[i] = '?';
	if (m.json) {
		memcpy(m.json, json, json_len);
		m.json[json_len] = '\0';
	}
	pthread_mutex_lock(&n->mu);
	if (n->n < WW_NOTIFY_QUEUE) {
		n->q[(n->head + n->n) % WW_NOTIFY_QUEUE] = m;
		n->n++;
		m.text = m.json = NULL;
		pthread_cond_signal(&n->cv);
	} else {
		n->st.dropped++;
	}
	pthread_mutex_unlock(&n->mu);
	free(m.text);
	free(m.json);
}

void ww_notify_stats(struct ww_notify *n, struct ww_notify_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!n)
		return;
	pthread_mutex_lock(&n->mu);
	*st = n->st;
	pthread_mutex_unlock(&n->mu);
}

void ww_notify_stop(struct ww_notify *n, struct ww_notify_stats *final)
{
	if (final)
		memset(final, 0, sizeof(*final));
	if (!n)
		return;
	pthread_mutex_lock(&n->mu);
	n->stop = true;
	pthread_cond_signal(&n->cv);
	pthread_mutex_unlock(&n->mu);
	pthread_join(n->th, NULL);
	if (final)
		*final = n->st;
	if (n->o.syslog)
		closelog();
	pthread_cond_destroy(&n->cv);
	pthread_mutex_destroy(&n->mu);
	free(n->exec);
	free(n);
}
