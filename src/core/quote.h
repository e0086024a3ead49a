/* Quoting for the commands a person is told to paste (reg delete, net share,
 * sc config, schtasks, net localgroup, dpkg -S ...). One function per shell,
 * each byte for byte tested in tests/unit/test_harden_quote.c.
 *
 * cmd.exe: a name goes between double quotes. Inside them cmd.exe still
 * expands %VAR% (and !VAR! with delayed expansion), a `"` ends the quoting
 * so that & | < > ^ act again, a newline ends the command, and a trailing
 * backslash escapes the closing quote for the program's own argument
 * parser. None of these can be quoted safely in every context, so a name
 * holding " % ! ^ & | < > a control byte (C0, DEL, C1), invalid UTF-8 or a
 * trailing backslash is refused: the caller prints no command and says why.
 *
 * sh: single quotes, a ' written as '\''. PowerShell: single quotes, each '
 * (and the typographic quotes U+2018..U+201B, which PowerShell also takes as
 * single quotes) doubled. Both refuse control bytes and invalid UTF-8 (a
 * command a person cannot read on the terminal is not a command to paste). */
#ifndef WW_CORE_QUOTE_H
#define WW_CORE_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

enum ww_shell { WW_SHELL_CMD, WW_SHELL_SH, WW_SHELL_PS };

/* Quote s as one word for the shell into dst (cap bytes, NUL-terminated).
 * Returns false, with *why set to a short reason (a literal), if s cannot
 * be quoted safely or does not fit. */
bool ww_quote(enum ww_shell sh, const char *s, char *dst, size_t cap, const char **why);

/* The reason shown to a person: "the name contains characters cmd.exe
 * would interpret" and so on, for the shell. */
const char *ww_quote_shell_name(enum ww_shell sh);

#endif
