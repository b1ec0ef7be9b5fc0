/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "qd-memory-bus.h"
#include "qd-test-util.h"

void
qd_test_assert_decimal (QdDecimal   value,
                        const char *expected)
{
  char buf[QD_DECIMAL_STR_MAX];

  if (expected == NULL)
    g_assert_true (qd_decimal_is_none (value));
  else
    g_assert_cmpstr (qd_decimal_format (value, buf), ==, expected);
}

char *
qd_test_load_fixture (gsize      *len,
                      const char *first_piece,
                      ...)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  const char *piece;
  va_list args;

  g_ptr_array_add (pieces, (gpointer) QD_FIXTURES_DIR);
  va_start (args, first_piece);
  for (piece = first_piece; piece != NULL; piece = va_arg (args, const char *))
    g_ptr_array_add (pieces, (gpointer) piece);
  va_end (args);
  g_ptr_array_add (pieces, NULL);
  path = g_build_filenamev ((char **) pieces->pdata);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  while (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (len != NULL)
    *len = length;
  return contents;
}

void
qd_test_service_open (QdTestService *t,
                      const char    *trader_id)
{
  t->bus = qd_memory_bus_new ();
  t->service = qd_ib_service_new (t->bus, trader_id);
}

void
qd_test_service_close (QdTestService *t)
{
  qd_ib_service_stop (t->service);
  g_assert_finalize_object (t->service);
  g_assert_finalize_object (t->bus);
}

void
qd_test_ingest (QdIbService *service,
                const char  *topic,
                const char  *payload)
{
  g_autoptr(GError) error = NULL;

  qd_ib_service_ingest (service, topic, payload, strlen (payload), &error);
  g_assert_no_error (error);
}

void
qd_test_ingest_printf (QdIbService *service,
                       const char  *topic,
                       const char  *format,
                       ...)
{
  g_autofree char *payload = NULL;
  va_list args;

  va_start (args, format);
  payload = g_strdup_vprintf (format, args);
  va_end (args);
  qd_test_ingest (service, topic, payload);
}

gboolean
qd_test_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
qd_test_wait_flag (gboolean *flag,
                   guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, qd_test_timeout_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *flag;
}

void
qd_test_spin (guint ms)
{
  gboolean never = FALSE;

  qd_test_wait_flag (&never, ms);
}

void
qd_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A link is removed, never followed. */
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      qd_test_remove_tree (child);
    }
  g_rmdir (path);
}
