/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <unistd.h>

#include "qd-order-journal-private.h"

/*
 * The journal's file descriptor. A command is written and fdatasynced before it is
 * published: that is the guarantee. Acks and final states are not needed before anything
 * is published, so they are written at once (from the page cache they survive a crash of
 * the app) and their fdatasync is deferred: the next command's fdatasync covers them, and
 * a short timer flushes them when no command follows. (A background thread doing that
 * fdatasync was measured and made the command's own fdatasync wait on it: p99 4.7 ms.)
 */
#define DEFERRED_SYNC_MS 250

struct _QdJournalWriter
{
  int      fd;
  gboolean needs_newline;   /* the file ends in a torn record: start a fresh line */
  gboolean dirty;           /* written since the last fdatasync */
  guint    sync_source;
  int      sync_errno;      /* a deferred fdatasync failed: refuses the next command */
};

QdJournalWriter *
_qd_journal_writer_new (int      fd,
                        gboolean needs_newline)
{
  QdJournalWriter *self = g_new0 (QdJournalWriter, 1);

  self->fd = fd;
  self->needs_newline = needs_newline;
  return self;
}

static gboolean
take_sync_error (QdJournalWriter  *self,
                 GError          **error)
{
  int saved = self->sync_errno;

  if (saved == 0)
    return TRUE;
  self->sync_errno = 0;
  g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_WRITE,
               _("Could not flush the order journal to disk: %s"), g_strerror (saved));
  return FALSE;
}

static int
sync_fd (QdJournalWriter *self)
{
  self->dirty = FALSE;
  g_clear_handle_id (&self->sync_source, g_source_remove);
  while (fdatasync (self->fd) != 0)
    {
      if (errno != EINTR)
        return errno;
    }
  return 0;
}

static gboolean
sync_now (QdJournalWriter  *self,
          GError          **error)
{
  int saved = sync_fd (self);

  if (saved == 0)
    return TRUE;
  g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_WRITE,
               _("Could not flush the order journal to disk: %s"), g_strerror (saved));
  return FALSE;
}

static gboolean
on_deferred_sync (gpointer user_data)
{
  QdJournalWriter *self = user_data;
  int saved;

  self->sync_source = 0;
  saved = sync_fd (self);
  if (saved != 0)
    {
      g_debug ("journal: deferred fdatasync failed: %s", g_strerror (saved));
      self->sync_errno = saved;
    }
  return G_SOURCE_REMOVE;
}

static gboolean
write_fully (int          fd,
             const char  *data,
             gsize        len,
             GError     **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_WRITE,
                       _("Could not write to the order journal: %s"), g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
schedule_sync (QdJournalWriter *self)
{
  self->dirty = TRUE;
  if (self->sync_source == 0)
    self->sync_source = g_timeout_add_full (G_PRIORITY_LOW, DEFERRED_SYNC_MS,
                                            on_deferred_sync, self, NULL);
}

/* One record, one write on an O_APPEND descriptor. durable: fdatasync before returning, so
 * the record (and every one before it) survives a crash of the app or of the machine;
 * fdatasync flushes the data and the file size that reading it back needs. A failed
 * deferred flush refuses the next durable record: the disk is not keeping what we write. */
gboolean
_qd_journal_writer_append (QdJournalWriter  *self,
                           GString          *line,
                           gboolean          durable,
                           GError          **error)
{
  if (durable && !take_sync_error (self, error))
    return FALSE;
  if (self->needs_newline)
    g_string_prepend_c (line, '\n');
  g_string_append_c (line, '\n');

  if (!write_fully (self->fd, line->str, line->len, error))
    {
      /* Part of the line may be on disk: the next record must not continue it. */
      self->needs_newline = TRUE;
      return FALSE;
    }
  self->needs_newline = FALSE;

  if (durable)
    return sync_now (self, error);
  schedule_sync (self);
  return TRUE;
}

/* Flushes whatever is only written so far. */
gboolean
_qd_journal_writer_flush (QdJournalWriter  *self,
                          GError          **error)
{
  if (!take_sync_error (self, error))
    return FALSE;
  return self->dirty ? sync_now (self, error) : TRUE;
}

void
_qd_journal_writer_free (QdJournalWriter *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (!_qd_journal_writer_flush (self, &error))
    g_debug ("journal: %s", error->message);
  g_clear_handle_id (&self->sync_source, g_source_remove);
  close (self->fd);
  g_free (self);
}
