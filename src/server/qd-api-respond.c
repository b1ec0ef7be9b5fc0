/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-api-server-private.h"
#include "qd-json-writer.h"

#define WEB_RESOURCE_PATH "/io/github/quarterdeck/Quarterdeck/web/"

static void
add_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
}

void
_qd_api_respond_json (SoupServerMessage *msg,
                      guint              status,
                      GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  add_common_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
  soup_server_message_set_status (msg, status, NULL);
}

void
_qd_api_respond_text (SoupServerMessage *msg,
                      guint              status,
                      const char        *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  _qd_api_respond_json (msg, status, body);
}

void
_qd_api_respond_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *detail)
{
  g_autoptr(GString) str = g_string_new (NULL);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "detail", detail);
  qd_json_writer_end_object (&w);
  _qd_api_respond_text (msg, status, str->str);
}

static const char *
content_type_for (const char *name)
{
  static const struct { const char *ext; const char *type; } types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".json", "application/json" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".ico", "image/x-icon" },
    { ".woff2", "font/woff2" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (name, types[i].ext))
      return types[i].type;
  return "application/octet-stream";
}

/* The page talks only to the server it came from (HTTP and its WebSocket). */
static char *
content_security_policy (SoupServerMessage *msg)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (req, "Host");

  return g_strdup_printf ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "font-src 'self'; connect-src 'self' ws://%s wss://%s; base-uri 'none'; "
                          "form-action 'none'; frame-ancestors 'none'",
                          host, host);
}

void
_qd_api_serve_page (QdApiServer       *self,
                    SoupServerMessage *msg,
                    const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *name = g_str_has_prefix (path, "/static/") ? path + strlen ("/static/") : "index.html";
  g_autofree char *resource = NULL;
  g_autofree char *csp = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* A flat directory: no sub-paths, no dot files. */
  if (*name == '\0' || *name == '.' || strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    {
      _qd_api_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  resource = g_strconcat (WEB_RESOURCE_PATH, name, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      _qd_api_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  csp = content_security_policy (msg);
  add_common_headers (msg);
  soup_message_headers_replace (headers, "Content-Security-Policy", csp);
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  /* The page names its files without versions: revalidate rather than keep stale copies. */
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "Content-Type", content_type_for (name));
  if (soup_server_message_get_method (msg) != SOUP_METHOD_HEAD)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  else
    soup_message_headers_set_content_length (headers, g_bytes_get_size (bytes));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}
