#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <sys/types.h>

/*
 * Typed, non-variadic wrappers for libcurl's variadic calls, which Swift cannot import.
 * One wrapper per argument kind; each returns libcurl's own code unchanged.
 */

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/* libcurl copies string arguments (since 7.17), so the caller's buffer may go away afterwards. */
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
/* The blob is copied by libcurl (CURL_BLOB_COPY). */
CURLcode ccurl_setopt_blob_copy(CURL *handle, CURLoption option, const void *data, size_t length);
CURLcode ccurl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback);
CURLcode ccurl_setopt_debug_callback(CURL *handle, CURLoption option, curl_debug_callback callback);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value);
/* The string belongs to the handle; copy it before the next call on the handle. May be NULL. */
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
/* CURLINFO_ACTIVESOCKET: the socket of a CURLOPT_CONNECT_ONLY connection, to wait on. */
CURLcode ccurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value);

#endif
