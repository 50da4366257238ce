/* disposition.c - the fixed vocabulary of review outcomes, and which count as confirmed per subject kind. */
#include "disposition.h"

#include <string.h>

const disposition dispositions[] = {
    { "victim-referred", "Possible victim identified and referred to protection services",
      "Victime possible repérée et orientée vers les services de protection", true },
    { "suspect-referred", "Referred to enforcement or investigation",
      "Renvoyé aux services d'application de la loi ou d'enquête", true },
    { "goods-detained", "Goods held or refused entry (e.g. forced-labour import ban)",
      "Marchandises retenues ou refoulées (p. ex. interdiction d'importer des biens issus du travail forcé)", true },
    { "no-concern", "Examined, nothing found", "Examiné, rien à signaler", false },
    { "not-examined", "Could not be examined", "N'a pas pu être examiné", true },
    { "inconclusive", "Examined, inconclusive", "Examiné, sans conclusion", true },
};
const int disposition_count = sizeof dispositions / sizeof *dispositions;

const disposition *disposition_find(const char *name)
{
    for (int i = 0; name && i < disposition_count; i++)
        if (strcmp(dispositions[i].name, name) == 0) return &dispositions[i];
    return NULL;
}

const char *disposition_names(void)
{
    return "victim-referred, suspect-referred, goods-detained, no-concern, not-examined, inconclusive";
}

const char *disposition_label(const disposition *d, const char *lang)
{
    return lang && strcmp(lang, "fr") == 0 ? d->label_fr : d->label_en;
}

/* A hit is confirmed when the outcome is the one its subject kind is about:
 *   possible-victim       victim-referred
 *   possible-facilitator  suspect-referred
 *   goods                 goods-detained
 *   other                 suspect-referred or goods-detained
 * no-concern and inconclusive are decided but not confirmed; not-examined is not a
 * decision at all and stays out of precision. */
bool disposition_confirms(const char *subject, const char *disposition)
{
    if (!subject || !disposition) return false;
    if (strcmp(subject, "possible-victim") == 0) return strcmp(disposition, "victim-referred") == 0;
    if (strcmp(subject, "possible-facilitator") == 0) return strcmp(disposition, "suspect-referred") == 0;
    if (strcmp(subject, "goods") == 0) return strcmp(disposition, "goods-detained") == 0;
    return strcmp(disposition, "suspect-referred") == 0 || strcmp(disposition, "goods-detained") == 0;
}

bool disposition_decides(const char *disposition)
{
    return disposition_find(disposition) && strcmp(disposition, "not-examined") != 0;
}
