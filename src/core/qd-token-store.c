/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qd-token-store.h"

/* 32 random bytes, hex: 64 characters. */
#define TOKEN_BYTES 32
#define TOKEN_LENGTH (TOKEN_BYTES * 2)

struct _QdTokenStore
{
  GObject  parent_instance;

  char    *dir;
  char    *viewer;
  char    *trader;
};

G_DEFINE_FINAL_TYPE (QdTokenStore, qd_token_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
role_file (QdApiRole role)
{
  return role == QD_API_ROLE_TRADER ? "trader-token" : "viewer-token";
}

static gboolean
read_random (guint8  *buf,
             gsize    len,
             GError **error)
{
  int fd = g_open ("/dev/urandom", O_RDONLY | O_CLOEXEC, 0);
  gsize done = 0;

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot read the system's random source: %s"), g_strerror (errno));
      return FALSE;
    }
  while (done < len)
    {
      gssize n = read (fd, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot read the system's random source"));
          close (fd);
          return FALSE;
        }
      done += (gsize) n;
    }
  close (fd);
  return TRUE;
}

static char *
generate_token (GError **error)
{
  guint8 raw[TOKEN_BYTES];
  GString *hex;
  guint i;

  if (!read_random (raw, sizeof raw, error))
    return NULL;
  hex = g_string_sized_new (TOKEN_LENGTH + 1);
  for (i = 0; i < TOKEN_BYTES; i++)
    g_string_append_printf (hex, "%02x", raw[i]);
  memset (raw, 0, sizeof raw);
  return g_string_free (hex, FALSE);
}

static gboolean
valid_token_text (const char *text)
{
  gsize len = strlen (text);
  gsize i;

  /* Hand-written tokens are allowed, but not short or odd ones. */
  if (len < 16 || len > 256)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!g_ascii_isgraph (text[i]))
      return FALSE;
  return TRUE;
}

/* Writes the token to a new file with mode 0600 and renames it over the old one. */
static gboolean
write_token (const char  *path,
             const char  *token,
             GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *line = g_strconcat (token, "\n", NULL);
  gsize len = strlen (line);
  int fd;

  g_unlink (tmp);
  fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 || write (fd, line, len) != (gssize) len || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the token file %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the token file %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static char *
load_or_create (const char  *dir,
                QdApiRole    role,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, role_file (role), NULL);
  g_autofree char *contents = NULL;
  char *token;

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (valid_token_text (contents))
        {
          /* A token file others can read is not a secret: tighten it. */
          g_chmod (path, 0600);
          return g_steal_pointer (&contents);
        }
      g_debug ("The %s file is malformed; generating a new token", role_file (role));
    }

  token = generate_token (error);
  if (token == NULL)
    return NULL;
  if (!write_token (path, token, error))
    {
      g_free (token);
      return NULL;
    }
  return token;
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
qd_token_store_finalize (GObject *object)
{
  QdTokenStore *self = QD_TOKEN_STORE (object);

  clear_secret (&self->viewer);
  clear_secret (&self->trader);
  g_free (self->dir);

  G_OBJECT_CLASS (qd_token_store_parent_class)->finalize (object);
}

static void
qd_token_store_class_init (QdTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_token_store_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
qd_token_store_init (QdTokenStore *self)
{
}

QdTokenStore *
qd_token_store_new (const char  *dir,
                    GError     **error)
{
  g_autoptr(QdTokenStore) self = g_object_new (QD_TYPE_TOKEN_STORE, NULL);

  if (dir != NULL)
    self->dir = g_strdup (dir);
  else
    self->dir = g_build_filename (g_get_user_config_dir (), "quarterdeck", NULL);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the directory %s: %s"), self->dir, g_strerror (saved));
      return NULL;
    }

  self->viewer = load_or_create (self->dir, QD_API_ROLE_VIEWER, error);
  if (self->viewer == NULL)
    return NULL;
  self->trader = load_or_create (self->dir, QD_API_ROLE_TRADER, error);
  if (self->trader == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

const char *
qd_token_store_get_dir (QdTokenStore *self)
{
  g_return_val_if_fail (QD_IS_TOKEN_STORE (self), NULL);
  return self->dir;
}

char *
qd_token_store_get_path (QdTokenStore *self,
                         QdApiRole     role)
{
  g_return_val_if_fail (QD_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (role == QD_API_ROLE_VIEWER || role == QD_API_ROLE_TRADER, NULL);
  return g_build_filename (self->dir, role_file (role), NULL);
}

const char *
qd_token_store_get_token (QdTokenStore *self,
                          QdApiRole     role)
{
  g_return_val_if_fail (QD_IS_TOKEN_STORE (self), NULL);

  switch (role)
    {
    case QD_API_ROLE_VIEWER:
      return self->viewer;
    case QD_API_ROLE_TRADER:
      return self->trader;
    case QD_API_ROLE_NONE:
    default:
      return NULL;
    }
}

/* Compares every byte of the longer text whatever differs, so the time taken says nothing
 * about how much of a guess was right. */
static gboolean
equal_constant_time (const char *secret,
                     const char *presented)
{
  gsize a = strlen (secret);
  gsize b = strlen (presented);
  gsize n = MAX (a, b);
  guint diff = (guint) (a ^ b);
  gsize i;

  for (i = 0; i < n; i++)
    {
      guchar x = i < a ? (guchar) secret[i] : 0;
      guchar y = i < b ? (guchar) presented[i] : 0;

      diff |= (guint) (x ^ y);
    }
  return diff == 0;
}

QdApiRole
qd_token_store_check (QdTokenStore *self,
                      const char   *token)
{
  gboolean trader, viewer;

  g_return_val_if_fail (QD_IS_TOKEN_STORE (self), QD_API_ROLE_NONE);

  if (token == NULL || *token == '\0')
    return QD_API_ROLE_NONE;
  /* Both compared, always. */
  trader = equal_constant_time (self->trader, token);
  viewer = equal_constant_time (self->viewer, token);
  if (trader)
    return QD_API_ROLE_TRADER;
  if (viewer)
    return QD_API_ROLE_VIEWER;
  return QD_API_ROLE_NONE;
}

gboolean
qd_token_store_regenerate (QdTokenStore  *self,
                           QdApiRole      role,
                           GError       **error)
{
  g_autofree char *path = NULL;
  char *token;

  g_return_val_if_fail (QD_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (role == QD_API_ROLE_VIEWER || role == QD_API_ROLE_TRADER, FALSE);

  token = generate_token (error);
  if (token == NULL)
    return FALSE;
  path = g_build_filename (self->dir, role_file (role), NULL);
  if (!write_token (path, token, error))
    {
      clear_secret (&token);
      return FALSE;
    }
  if (role == QD_API_ROLE_TRADER)
    {
      clear_secret (&self->trader);
      self->trader = token;
    }
  else
    {
      clear_secret (&self->viewer);
      self->viewer = token;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

const char *
qd_api_role_to_string (QdApiRole role)
{
  switch (role)
    {
    case QD_API_ROLE_VIEWER: return "viewer";
    case QD_API_ROLE_TRADER: return "trader";
    case QD_API_ROLE_NONE:
    default:                 return "none";
    }
}
