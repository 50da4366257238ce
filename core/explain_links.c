/* explain_links.c - the booking and link section of an explanation: the data from the run's index, its text. */
#include "render.h"

#include <string.h>

/* Kept apart from render.c: this section exists only when a part read a booking or
 * link value, and says who the booking's other records are and which records share a
 * key, by their record keys and booking references, never by the shared phone, e-mail
 * or card itself. render.c writes it into the hit object with its other members. */

void explain_links_collect(explanation *ex)
{
    ex->has_booking = false;
    ex->link_count = 0;
    const record *rec = ex->rec;
    const scenario *sc = ex->sc;
    bool booking = false;
    unsigned links = 0;
    for (int p = 0; p < sc->condition_count + sc->indicator_count && p < EVAL_MAX_PARTS; p++) {
        booking |= ex->ev[p].booking;
        links |= ex->ev[p].links;
    }
    if (!rec->links) return;
    if (booking) ex->has_booking = links_explain_booking(rec->links, rec, &ex->booking);
    for (int l = 0; l < rec->schema->link_count && ex->link_count < EXPLAIN_MAX_LINKS; l++)
        if ((links & (1u << l)) && links_explain_link(rec->links, rec, l, &ex->links[ex->link_count]))
            ex->link_count++;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int int_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : -1;
}

/* The section as text, from the hit's JSON (a stored hit prints as it was explained). */
void explain_links_print(const cJSON *hit, FILE *out, const char *lang)
{
    bool fr = lang && strcmp(lang, "fr") == 0;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(hit, "booking"), *m;
    if (cJSON_IsObject(b)) {
        const cJSON *members = cJSON_GetObjectItemCaseSensitive(b, "members");
        int records = int_of(b, "records");
        fprintf(out, fr ? "  réservation %s : %d dossier%s dans l'exécution\n" : "  booking %s: %d record%s in the run\n",
                str_of(b, "group"), records, records == 1 ? "" : "s");
        cJSON_ArrayForEach(m, members) {
            const cJSON *age = cJSON_GetObjectItemCaseSensitive(m, "age");
            char agetext[16];
            if (cJSON_IsNumber(age)) snprintf(agetext, sizeof agetext, "%d", age->valueint);
            else snprintf(agetext, sizeof agetext, "?");
            fprintf(out, "    %-20s %-20s %s %-4s%s%s\n", str_of(m, "key"), str_of(m, "surname"), fr ? "âge" : "age",
                    agetext, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "payer")) ? (fr ? "  payeur" : "  payer") : "",
                    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "self")) ? (fr ? "  (ce dossier)" : "  (this record)") : "");
        }
        int shown = cJSON_GetArraySize(members);
        if (records > shown) fprintf(out, fr ? "    ... et %d autres\n" : "    ... and %d more\n", records - shown);
    }
    const cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(hit, "links")) {
        const cJSON *linked = cJSON_GetObjectItemCaseSensitive(l, "linked");
        int records = int_of(l, "records");
        fprintf(out, fr ? "  lien %s : %d dossiers, %d réservations\n" : "  link %s: %d records, %d bookings\n",
                str_of(l, "link"), records, int_of(l, "bookings"));
        cJSON_ArrayForEach(m, linked)
            fprintf(out, "    %-20s %s %-12s %s%s\n", str_of(m, "key"), fr ? "réservation" : "booking", str_of(m, "booking"),
                    str_of(m, "surname"),
                    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "self")) ? (fr ? "  (ce dossier)" : "  (this record)") : "");
        int shown = cJSON_GetArraySize(linked);
        if (records > shown) fprintf(out, fr ? "    ... et %d autres\n" : "    ... and %d more\n", records - shown);
    }
}
