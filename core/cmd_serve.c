/* cmd_serve.c - `vigie serve`: the officer review page over the review store. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "serve.h"
#include "store.h"

const char cmd_serve_usage[] =
    "usage: vigie serve [--db FILE] [--listen ADDRESS:PORT] [--cert FILE --key FILE] [--insecure]\n"
    "\n"
    "Serve the review page: the queue, each item with its explanation (evidence,\n"
    "weights, score against threshold, guidance), the decision form, runs and\n"
    "scenarios, in English or French (per user, or ?lang=fr). Accounts come from\n"
    "'vigie user add'; roles decide what each person sees:\n"
    "  officer     claims and decides items; sees identity fields\n"
    "  analyst     runs, scenarios, items without identity fields or record keys\n"
    "  supervisor  what an officer does, plus the audit and unmasking purged values\n"
    "              (with a written reason)\n"
    "  admin       manages accounts; sees no identity fields\n"
    "Every view of an item and every decision is written to the audit table.\n"
    "\n"
    "options:\n"
    "  --db FILE            the review store (default: $VIGIE_DB, else ./vigie.db)\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080); an address that\n"
    "                       is not loopback needs TLS, or --insecure\n"
    "  --cert FILE, --key FILE\n"
    "                       PEM certificate and key: serve HTTPS (cookies are Secure)\n"
    "  --insecure           allow plain HTTP on a non-loopback address (behind a TLS\n"
    "                       proxy only)\n"
    "\n"
    "Limits: forms up to 16 KiB, 4 worker threads, 30 s idle timeout, 64 connections\n"
    "(16 per address); 5 failed logins per 15 minutes per address and per name.\n"
    "Sessions last 8 hours. Ctrl-C (or SIGTERM) stops the server.\n"
    "\n"
    "exit codes:\n"
    "  0  stopped by a signal\n"
    "  2  bad command line (or a non-loopback address without TLS or --insecure)\n"
    "  4  the store could not be opened, or the address could not be bound\n";

int cmd_serve(int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },
        { "listen", required_argument, NULL, 'l' },
        { "cert", required_argument, NULL, 'c' },
        { "key", required_argument, NULL, 'k' },
        { "insecure", no_argument, NULL, 'i' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    serve_options opt = { .listen = "127.0.0.1:8080" };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (ch) {
        case 'd': db = optarg; break;
        case 'l': opt.listen = optarg; break;
        case 'c': opt.cert = optarg; break;
        case 'k': opt.key = optarg; break;
        case 'i': opt.insecure = true; break;
        case 'h': fputs(cmd_serve_usage, stdout); return EXIT_CLEAN;
        default: fputs(cmd_serve_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "vigie serve: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    char report[512];
    if (catalog_check(report, sizeof report) != 0) {
        fprintf(stderr, "vigie serve: the message catalogue is incomplete: %s\n", report);
        return EXIT_FAILED;
    }
    /* the address check needs no store: refuse before opening anything */
    char host[256];
    int port;
    vg_error err = { 0 };
    char msg[1024];
    if (serve_parse_listen(opt.listen, host, sizeof host, &port, &err) != VG_OK ||
        (!serve_is_loopback(host) && !(opt.cert && opt.key) && !opt.insecure)) {
        if (!err.message[0])
            error_set(&err, NULL, 0, "--listen", "refusing to serve personal data on %s without TLS: give --cert and "
                      "--key, or --insecure behind a TLS proxy", host);
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie serve: %s\n", msg);
        return EXIT_USAGE;
    }
    store *st = store_open(store_path(db), &err);
    if (!st) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie serve: %s\n", msg);
        return EXIT_IO;
    }
    serve_server sv;
    if (serve_server_init(&sv, st, false) != VG_OK) {
        fprintf(stderr, "vigie serve: cannot start libsodium\n");
        store_close(st);
        return EXIT_IO;
    }
    int rc = serve_run(&sv, &opt, &err);
    if (rc != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie serve: %s\n", msg);
    }
    serve_server_free(&sv);
    store_close(st);
    return rc == VG_OK ? EXIT_CLEAN : EXIT_IO;
}
