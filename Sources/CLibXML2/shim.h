#ifndef PSEA_CSYSTEM_SHIM_H
#define PSEA_CSYSTEM_SHIM_H

/* The only C psea reaches directly: the system's libxml2 (parsing, XSD validation),
   and one setting of the C library's allocator that Swift's Glibc module does not show. */

/* Foundation on Linux carries its own ICU; Debian's libxml2 headers include the
   system ICU. Seeing both breaks the module ("UErrorCode has different
   definitions"), so the ICU part of libxml2's API is hidden here. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>

/* xmlFree is a global function-pointer variable, which Swift 6 strict
   concurrency refuses to touch; this wrapper makes it a plain function. */
static inline void psea_xmlFree(void *p) { xmlFree(p); }

/* Generic (unstructured) error callbacks are variadic, which Swift cannot
   write; this pair silences them for the calling thread (libxml2 keeps the
   handler per thread) and restores the default afterwards. */
static void psea_discard_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void psea_silence_generic_errors(int silence) {
    xmlSetGenericErrorFunc(NULL, silence ? psea_discard_generic_error : NULL);
}

#ifdef __GLIBC__
#include <malloc.h>
/* Buffers of at least `bytes` are mapped and unmapped on their own rather than
   carved from the heap; setting it also stops glibc from raising the threshold
   after a large free, which keeps large freed buffers' pages. */
static inline void psea_map_buffers_from(int bytes) { (void)mallopt(M_MMAP_THRESHOLD, bytes); }
#else
static inline void psea_map_buffers_from(int bytes) { (void)bytes; }
#endif

#endif
