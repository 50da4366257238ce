/* html.c - the self-contained pages vigie writes to files (report, backtest): escaping, one style sheet, no fetch. */
#include "html.h"

#include <string.h>

/* Pages written to files open offline: inline CSS and SVG only, no script, no font,
 * nothing fetched. (The review page of vigie serve has its own style sheet.) */

void html_escape_to(const char *s, html_put_fn put, void *ctx)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        if (s > run) put(ctx, run, (size_t)(s - run));
        put(ctx, rep, strlen(rep));
        run = s + 1;
    }
    if (s > run) put(ctx, run, (size_t)(s - run));
}

static void html_put_file(void *ctx, const char *s, size_t n)
{
    fwrite(s, 1, n, (FILE *)ctx);
}

void html_escape(FILE *out, const char *s)
{
    html_escape_to(s, html_put_file, out);
}

void html_begin(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n<title>", out);
    html_escape(out, title);
    fputs("</title>\n<meta name=viewport content=\"width=device-width, initial-scale=1\">\n<style>\n"
          "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fff}\n"
          "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}\n"
          "h3{font-size:1em;margin:1.2em 0 .3em}\n"
          "table{border-collapse:collapse;margin:.4em 0}th,td{padding:3px 8px;border-bottom:1px solid #e4e4e4;text-align:left}\n"
          "td:first-child,td.d{white-space:nowrap}th{background:#f3f3f5;font-weight:600}\n"
          "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
          "small{color:#555}.flag{color:#fff;background:#b3261e;border-radius:3px;padding:0 4px;font-size:.85em}\n"
          "tr.bad td,td.bad{background:#fbe9e7}tr.warn td,td.warn{background:#fff8e1}tr.good td{background:#e8f5e9}\n"
          "tr.small td{color:#777}\n"
          ".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-weight:600}\n"
          "svg .bar{fill:#5b7db1}svg .bar.now{fill:#2e4a7a}svg .dot{fill:#d9822b}svg .whisker{stroke:#d9822b;stroke-width:2}\n"
          "svg .axis{stroke:#888}svg .scale{font-size:10px;fill:#555}\n"
          "nav a{margin-right:1em}\n</style></head><body>\n", out);
}

void html_end(FILE *out)
{
    fputs("</body></html>\n", out);
}
