/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "qd-json-guard.h"
#include "qd-order-journal-private.h"

/*
 * Rotation, at open only: a journal past its size limit is kept beside it under a dated
 * name, and the journal starts again with the records of the requests that still have no
 * outcome, so that they stay "unknown — check orders" and are reconciled as before. The
 * full file is linked to its new name before the journal is replaced (rename is atomic), so
 * a crash at any point leaves every record in at least one of the two files.
 */

#define MAX_LINE_LENGTH (64 * 1024)
#define MAX_DEPTH 8

/* The request_id of a well-formed record line, or NULL. */
static char *
line_request_id (const char *line,
                 gsize       len)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonNode *member;

  if (len > MAX_LINE_LENGTH || !qd_json_guard_check (line, len, MAX_DEPTH, NULL))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, (gssize) len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  member = json_object_get_member (json_node_get_object (root), "request_id");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (member));
}

/* Every complete line whose request is in `keep`, in the order written. */
static GString *
kept_lines (const char *data,
            gsize       len,
            GHashTable *keep)
{
  GString *kept = g_string_new (NULL);
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autofree char *request_id = NULL;

      /* A torn last line is left in the archive. */
      if (nl == NULL)
        break;
      request_id = line_request_id (p, nl - p);
      if (request_id != NULL && g_hash_table_contains (keep, request_id))
        g_string_append_len (kept, p, nl - p + 1);
      p = nl + 1;
    }
  return kept;
}

/* orders.jsonl -> orders-20261125-221500Z.jsonl (or -2, -3 … when taken). */
static char *
archive_path_for (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%SZ");
  g_autofree char *stem = g_str_has_suffix (path, ".jsonl") ? g_strndup (path, strlen (path) - 6) : g_strdup (path);

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("%s-%s.jsonl", stem, stamp)
                                          : g_strdup_printf ("%s-%s-%u.jsonl", stem, stamp, n);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

static gboolean
write_durably (const char  *path,
               GString     *contents,
               GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  gsize done = 0;
  int saved;

  if (fd < 0)
    goto fail;
  while (done < contents->len)
    {
      gssize n = write (fd, contents->str + done, contents->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      done += n;
    }
  if (fdatasync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  return TRUE;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
  return FALSE;
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

char *
_qd_journal_rotate (const char  *path,
                    const char  *data,
                    gsize        len,
                    GHashTable  *keep,
                    GError     **error)
{
  g_autofree char *archive = archive_path_for (path);
  g_autofree char *next = g_strconcat (path, ".next", NULL);
  g_autoptr(GString) kept = kept_lines (data, len, keep);
  int saved;

  if (archive == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("No free name to keep the order journal under"));
      return NULL;
    }
  if (!write_durably (next, kept, error))
    {
      g_unlink (next);
      return NULL;
    }
  if (link (path, archive) != 0)
    {
      saved = errno;
      g_unlink (next);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", archive, g_strerror (saved));
      return NULL;
    }
  if (g_rename (next, path) != 0)
    {
      saved = errno;
      g_unlink (archive);
      g_unlink (next);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  sync_directory (path);
  return g_steal_pointer (&archive);
}
