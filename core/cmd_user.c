/* cmd_user.c - `vigie user`: accounts of the review page (add, list, disable). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ctype.h>

#include "cmd.h"
#include "review.h"
#include "serve_auth.h"
#include "store.h"
#include "store_web.h"

const char cmd_user_usage[] =
    "usage: vigie user add NAME --role officer|analyst|supervisor|admin [--lang en|fr] [--db FILE]\n"
    "       vigie user list [--db FILE]\n"
    "       vigie user disable NAME [--db FILE]\n"
    "\n"
    "Accounts of the review page ('vigie serve'). add reads the password from the\n"
    "terminal (twice, not echoed) or, when stdin is not a terminal, its first line;\n"
    "10 to 256 characters. Passwords are stored as Argon2id hashes (libsodium).\n"
    "Accounts are disabled, never deleted (the audit names them). Who did it is\n"
    "$VIGIE_OFFICER, else the login name; every change is audited.\n"
    "\n"
    "exit codes:\n"
    "  0  done\n"
    "  2  bad command line, role, name or password\n"
    "  4  the store could not be opened or written\n"
    "  7  no such user\n"
    "  8  the name is taken\n";

/* One line from stdin; with echo off and twice when it is a terminal. */
static int user_read_password(char *out, size_t size)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    for (int round = 0; round < (tty ? 2 : 1); round++) {
        char line[AUTH_MAX_PASSWORD + 4];
        if (tty) {
            fputs(round == 0 ? "password: " : "again: ", stderr);
            tcgetattr(STDIN_FILENO, &old);
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        char *got = fgets(line, sizeof line, stdin);
        if (tty) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
            fputc('\n', stderr);
        }
        if (!got) return VG_ERR;
        line[strcspn(line, "\r\n")] = 0;
        if (round == 0) snprintf(out, size, "%s", line);
        else if (strcmp(out, line) != 0) {
            fputs("vigie user: the passwords differ\n", stderr);
            return VG_ERR;
        }
    }
    return VG_OK;
}

static int user_print(const store_user *u, void *ctx)
{
    (void)ctx;
    printf("%-24s %-11s %-3s %s by %s%s%s\n", u->name, u->role, u->lang, u->created_at, u->created_by,
           u->disabled_at[0] ? "  disabled " : "", u->disabled_at);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },
        { "role", required_argument, NULL, 'r' },
        { "lang", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *role = NULL, *lang = "en";
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (ch) {
        case 'd': db = optarg; break;
        case 'r': role = optarg; break;
        case 'l': lang = optarg; break;
        case 'h': fputs(cmd_user_usage, stdout); return EXIT_CLEAN;
        default: fputs(cmd_user_usage, stderr); return EXIT_USAGE;
        }
    }
    const char *sub = optind < argc ? argv[optind] : NULL;
    const char *name = optind + 1 < argc ? argv[optind + 1] : NULL;
    if (!sub || (strcmp(sub, "list") != 0 && !name)) {
        fputs(cmd_user_usage, stderr);
        return EXIT_USAGE;
    }
    const char *actor = review_actor(NULL);
    vg_error err = { 0 };
    char msg[1024];
    if (strcmp(sub, "add") == 0) {
        if (!auth_role_valid(role)) {
            fprintf(stderr, "vigie user: --role must be officer, analyst, supervisor or admin\n");
            return EXIT_USAGE;
        }
        if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
            fprintf(stderr, "vigie user: --lang must be en or fr\n");
            return EXIT_USAGE;
        }
        bool ok = strlen(name) < 64;
        for (const char *p = name; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '_') ok = false;
        if (!ok) {
            fprintf(stderr, "vigie user: a name is 1 to 63 letters, digits, '.', '-' or '_'\n");
            return EXIT_USAGE;
        }
        store_user u;
        memset(&u, 0, sizeof u);
        snprintf(u.name, sizeof u.name, "%s", name);
        snprintf(u.role, sizeof u.role, "%s", role);
        snprintf(u.lang, sizeof u.lang, "%s", lang);
        snprintf(u.created_by, sizeof u.created_by, "%s", actor);
        char password[AUTH_MAX_PASSWORD + 4];
        const char *why = NULL;
        if (user_read_password(password, sizeof password) != VG_OK) {
            fprintf(stderr, "vigie user: no password read\n");
            return EXIT_USAGE;
        }
        int hashed = auth_password_hash(password, u.password_hash, sizeof u.password_hash, &why);
        memset(password, 0, sizeof password);
        if (hashed != VG_OK) {
            fprintf(stderr, "vigie user: %s\n", why);
            return EXIT_USAGE;
        }
        store *st = store_open(store_path(db), &err);
        if (!st) goto store_failed;
        int rc = store_user_add(st, &u, &err);
        if (rc == VG_OK) rc = store_audit(st, actor, "user-add", name, role, &err);
        store_close(st);
        if (rc == STORE_CONFLICT) {
            fprintf(stderr, "vigie user: user '%s' exists already\n", name);
            return 8;
        }
        if (rc != VG_OK) goto store_failed;
        printf("user %s added (%s)\n", name, role);
        return EXIT_CLEAN;
    }
    store *st = store_open(store_path(db), &err);
    if (!st) goto store_failed;
    int rc;
    if (strcmp(sub, "list") == 0) {
        rc = store_users(st, user_print, NULL, &err);
    } else if (strcmp(sub, "disable") == 0) {
        rc = store_user_disable(st, name, &err);
        if (rc == VG_OK) rc = store_audit(st, actor, "user-disable", name, "", &err);
        if (rc == STORE_NOT_FOUND) {
            store_close(st);
            fprintf(stderr, "vigie user: no active user '%s'\n", name);
            return 7;
        }
        if (rc == VG_OK) printf("user %s disabled\n", name);
    } else {
        store_close(st);
        fprintf(stderr, "vigie user: unknown subcommand '%s'\n", sub);
        return EXIT_USAGE;
    }
    store_close(st);
    if (rc == VG_OK) return EXIT_CLEAN;
store_failed:
    error_format(&err, msg, sizeof msg);
    fprintf(stderr, "vigie user: %s\n", msg);
    return EXIT_IO;
}
