/* version.h - vigie's version, recorded with every run in the review store. */
#ifndef VIGIE_VERSION_H
#define VIGIE_VERSION_H

#define VIGIE_VERSION "0.5.0"

#endif
